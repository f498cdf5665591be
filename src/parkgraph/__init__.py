"""parkgraph: knowledge graphs with evidence from Chinese news about high-tech parks."""

__version__ = "0.1.0"
