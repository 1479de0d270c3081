from mmmotion.registry import DATASETS
from .motion_video_dataset import MotionVideoDataset


@DATASETS.register_module()
class UnlabeledVideoDataset(MotionVideoDataset):
    """Unlabelled videos for self-supervised pretraining.

    A list file (one path a line, relative to ``data_prefix['video']``; a label
    column, if present, is ignored) or, with ``ann_file=''``, every video under
    the folder ``data_prefix['video']``. Samples carry ``label=-1``. Build a
    list with ``tools/data/build_file_list.py``.
    """

    def __init__(self, ann_file: str = '', pipeline=(), **kwargs) -> None:
        kwargs['with_label'] = False
        super().__init__(ann_file, pipeline=list(pipeline), **kwargs)
