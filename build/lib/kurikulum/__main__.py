from kurikulum.cli import main

raise SystemExit(main())
