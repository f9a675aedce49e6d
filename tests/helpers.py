import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run fzwriter as a user would (python -m writer), capturing text output."""
    return subprocess.run([sys.executable, "-m", "writer", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, encoding="utf-8")
