"""The sha256 of a file, read in blocks (checkpoint records, shipped
weights)."""
import hashlib


def sha256(path: str, chunk: int = 1 << 20) -> str:
    """Hex sha256 digest of the file at ``path``."""
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(chunk), b''):
            h.update(block)
    return h.hexdigest()
