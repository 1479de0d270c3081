"""Frame pairs with ground-truth optical flow, for end-point error."""
import os.path as osp
from typing import Callable, List, Union

from mmmotion.registry import DATASETS
from .errors import BadSampleError
from .motion_video_dataset import MotionVideoDataset


@DATASETS.register_module()
class FlowPairDataset(MotionVideoDataset):
    """Frame pairs (t, t+1) with their true flow (FlyingChairs, Middlebury).

    The list file has one pair a line, ``frame_t frame_t+1 flow.flo``
    (whitespace-separated, or ``delimiter``), paths relative to
    ``data_prefix['video']``; build it with
    ``tools/data/build_flow_pair_list.py``. A sample's ``frame_paths`` (the
    two frames), ``flow_path`` and ``filename`` (frame t, the name in error
    messages) are read by :class:`LoadFlowPair`, which yields a 2-frame
    clip and ``gt_motion`` through a normal pipeline
    (``configs/_base_/datasets/flow_gt_112px.py``). Samples carry
    ``label=-1``.

    A listed file that does not exist raises :class:`BadSampleError` naming
    it, or, with ``skip_invalid=True``, drops its pair (logged);
    ``MotionVideoDataset`` gives the other checks.

    Args:
        ann_file (str): The list file.
        pipeline (list): Data transforms.
        data_prefix (dict): ``dict(video=folder)``, the folder the listed
            paths are relative to. Defaults to ``dict(video='')``.
        **kwargs: ``MotionVideoDataset``'s (``skip_invalid``,
            ``delimiter``, ``test_mode``, ...).
    """

    def __init__(self,
                 ann_file: str,
                 pipeline: List[Union[dict, Callable]] = (),
                 data_prefix: dict = dict(video=''),
                 **kwargs) -> None:
        kwargs['with_label'] = False
        super().__init__(
            ann_file,
            pipeline=list(pipeline),
            data_prefix=data_prefix,
            **kwargs)

    def load_data_list(self) -> List[dict]:
        if not self.ann_file:
            raise BadSampleError('FlowPairDataset needs an ann_file (a list '
                                 'of "frame_t frame_t+1 flow.flo" lines)')
        if not osp.isfile(self.ann_file):
            raise BadSampleError(f'{self.ann_file}: list file not found')
        prefix = self.data_prefix.get('video') or ''
        with open(self.ann_file) as f:
            lines = f.read().splitlines()
        data_list = []
        for i, line in enumerate(lines):
            fields = line.strip().split(self.delimiter)
            if not line.strip():
                continue
            if len(fields) != 3:
                raise BadSampleError(
                    f'{self.ann_file}, line {i + 1}: expected "frame_t '
                    f'frame_t+1 flow.flo", got {line.strip()!r}')
            paths = [osp.join(prefix, p) for p in fields]
            missing = [p for p in paths if not osp.exists(p)]
            if missing and not self.skip_invalid:
                raise BadSampleError(
                    f'{missing[0]}: listed in {self.ann_file}, line {i + 1},'
                    ' does not exist')
            if missing:
                self._log_skip(missing[0], 'file does not exist')
                continue
            data_list.append(
                dict(
                    filename=paths[0],
                    frame_paths=paths[:2],
                    flow_path=paths[2],
                    label=-1))
        return data_list
