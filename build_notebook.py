"""Build the printed editions (PDF) only: `python build_notebook.py --help`."""

from coalition_kit.pdf_cli import main

if __name__ == "__main__":
    main()
