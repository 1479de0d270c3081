from typing import Any, Optional


def sample_field(sample: Any, key: str) -> Optional[Any]:
    """Read ``key`` from a dict (what metrics receive) or a data sample
    (``ActionDataSample``, what hooks receive); None when absent."""
    if isinstance(sample, dict):
        return sample.get(key)
    return getattr(sample, key, None)
