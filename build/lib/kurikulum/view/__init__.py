"""The module view: everything any output shows of a module, computed once per language."""
