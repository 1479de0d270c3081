"""Tag a dataset's samples as retrieval queries or gallery."""
from mmcv.transforms import BaseTransform

from mmmotion.registry import TRANSFORMS


@TRANSFORMS.register_module()
class RetrievalSplit(BaseTransform):
    """Set ``results['retrieval_split']`` to ``'query'`` (test videos) or
    ``'gallery'`` (training videos) for ``RetrievalMetric``; pack it with
    ``PackActionInputs(algorithm_keys=('retrieval_split',))``."""

    def __init__(self, split: str) -> None:
        if split not in ('query', 'gallery'):
            raise ValueError(
                f"split must be 'query' or 'gallery', got {split!r}")
        self.split = split

    def transform(self, results: dict) -> dict:
        results['retrieval_split'] = self.split
        return results
