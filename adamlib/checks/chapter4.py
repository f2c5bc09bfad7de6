"""The checks of chapter 4, Moments."""

__all__: list = []
