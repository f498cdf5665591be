"""Compatibility: the build now lives in `parkgraph.build` (docs/architecture.md).

This module only re-exports what was imported from it before, so that
`from parkgraph.pipeline import build, Pipeline, BuildOptions` keeps working; new code imports
from `parkgraph.build`.
"""

from .build import BuildOptions, BuildResult, Pipeline, build
from .build.executor import Executor
from .build.stages import slim

__all__ = ["BuildOptions", "BuildResult", "Executor", "Pipeline", "build", "slim"]
