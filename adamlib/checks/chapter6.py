"""The checks of chapter 6, Adam."""

__all__: list = []
