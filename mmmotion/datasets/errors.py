class BadSampleError(RuntimeError):
    """A sample (video, depth file, annotation line) that cannot be used.

    The message always names the file (and line, for annotations) and says what
    is wrong with it.
    """
