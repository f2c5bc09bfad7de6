"""The checks of chapter 2, Momentum."""

__all__: list = []
