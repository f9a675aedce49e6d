import sys
from pathlib import Path

# make tests/helpers.py and tests/docxfactory.py importable from test modules
sys.path.insert(0, str(Path(__file__).resolve().parent))
