"""The model that ships in the package, fitted on the corpus by
`python -m kithkin.purpose.build`."""

from __future__ import annotations

from functools import cache
from importlib import resources

from kithkin.purpose.model import LinearModel

DEFAULT_MODEL = "default_model.npz"


@cache
def default_model() -> LinearModel:
    data = resources.files("kithkin.purpose").joinpath(DEFAULT_MODEL).read_bytes()
    return LinearModel.from_bytes(data)
