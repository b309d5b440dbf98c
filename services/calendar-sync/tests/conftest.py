import sys
from pathlib import Path

# Test helpers live in their own uniquely named package, importable from every test module.
sys.path.insert(0, str(Path(__file__).parent / "support"))
