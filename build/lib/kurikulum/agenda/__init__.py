"""The workshop agenda: :mod:`.plan` (the arithmetic), :mod:`.text` and :mod:`.pdf` (its outputs), :mod:`.command`."""
