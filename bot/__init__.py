"""articlebot's Discord side and command line; the answering core is the ``index`` package."""

from importlib import resources
from pathlib import Path

__version__ = "0.1.0"


def sample_article() -> Path:
    """The bundled sample article, indexed into a brand-new library on first use."""
    return Path(str(resources.files("bot") / "data" / "2025-05-17-trump-putin-call.txt"))
