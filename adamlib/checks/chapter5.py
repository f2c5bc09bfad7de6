"""The checks of chapter 5, Bias correction."""

__all__: list = []
