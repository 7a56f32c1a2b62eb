"""BPO Desktop: an offline process modeller for business process optimization."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("bpo-desktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
