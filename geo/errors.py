"""The one error type users see: a one-line message that says what is wrong."""


class InputError(ValueError):
    """Bad input from a user or a file: shown as one line, never as a traceback."""
