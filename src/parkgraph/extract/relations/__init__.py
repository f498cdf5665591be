"""Relation extraction (stage 5): `RelationExtractor` and `extract_relations`, see `extractor`."""

from .extractor import RelationExtractor, extract_relations

__all__ = ["RelationExtractor", "extract_relations"]
