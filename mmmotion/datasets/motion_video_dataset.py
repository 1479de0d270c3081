"""A video dataset (RGB videos or depth sequences) with checked inputs."""
import os
import os.path as osp
from typing import Callable, List, Optional, Sequence, Union

from mmaction.datasets import BaseActionDataset

from mmmotion.registry import DATASETS
from mmmotion.utils.scope import mmmotion_scope
from .errors import BadSampleError
from .worker_faults import InFlight, warn

VIDEO_EXTENSIONS = ('.mp4', '.avi', '.mkv', '.webm', '.mov', '.npy', '.mat')


@DATASETS.register_module()
class MotionVideoDataset(BaseActionDataset):
    """Labelled or unlabelled videos, each a file: RGB video or depth sequence.

    The annotation file has one sample a line, ``path label`` (label omitted
    when ``with_label=False``), paths relative to ``data_prefix['video']``. The
    loading transforms in the pipeline decide how a file is read
    (``DecordInit`` for RGB video, ``DepthInit`` for depth).

    Bad input raises :class:`BadSampleError` naming the file (and the line, for
    the annotation file) and what is wrong. With ``skip_invalid=True`` a long
    training run survives it instead: a listed file that does not exist is
    dropped when the list is read, a sample whose loading fails is replaced by
    another, and each skip is logged with the running count and the reason.
    (In test mode every listed sample must be scored, so only missing files
    are dropped there.)

    Args:
        ann_file (str): the annotation file; may be empty when
            ``with_label=False`` and ``data_prefix['video']`` is a folder,
            which
            is then scanned for files with ``extensions``.
        pipeline (list): data transforms.
        data_prefix (dict): ``dict(video=folder)``.
        with_label (bool): whether lines carry an integer label.
        skip_invalid (bool): skip bad samples instead of raising.
        extensions (tuple): file endings taken when scanning a folder.
        delimiter (str): separator of the annotation fields; None for any
            whitespace.
    """

    def __init__(self,
                 ann_file: str,
                 pipeline: List[Union[dict, Callable]],
                 data_prefix: dict = dict(video=''),
                 with_label: bool = True,
                 skip_invalid: bool = False,
                 extensions: Sequence[str] = VIDEO_EXTENSIONS,
                 delimiter: Optional[str] = None,
                 **kwargs) -> None:
        self.with_label = with_label
        self.skip_invalid = skip_invalid
        self.extensions = tuple(extensions)
        self.delimiter = delimiter
        self.skipped: List[str] = []
        # the sample each loader worker is on, for an error that names it
        # should the worker die (worker_faults.py)
        self.in_flight = InFlight()
        # the pipeline's bare type names resolve in mmmotion's scope, also
        # when MMAction2's scope (or none) is current
        with mmmotion_scope():
            super().__init__(
                ann_file, pipeline=pipeline, data_prefix=data_prefix, **kwargs)

    # ------------------------------------------------------------------ list
    def _scan_folder(self, folder: str) -> List[str]:
        if not osp.isdir(folder):
            raise BadSampleError(
                f'{folder}: not a folder (no annotation file was given, so '
                'data_prefix["video"] must be a folder of videos)')
        files = []
        for root, _, names in sorted(os.walk(folder, followlinks=True)):
            files += [
                osp.relpath(osp.join(root, n), folder) for n in sorted(names)
                if n.lower().endswith(self.extensions)
            ]
        if not files:
            raise BadSampleError(
                f'{folder}: no files ending in {self.extensions}')
        return files

    def _parse_line(self, line: str, lineno: int) -> dict:
        fields = line.split(self.delimiter)
        where = f'{self.ann_file}, line {lineno}'
        if self.with_label:
            if self.multi_class:
                if len(fields) < 2:
                    raise BadSampleError(
                        f'{where}: expected "path label [label ...]", got '
                        f'{line!r}')
                labels = fields[1:]
            else:
                if len(fields) != 2:
                    raise BadSampleError(
                        f'{where}: expected "path label", got {line!r}')
                labels = fields[1:]
            try:
                labels = [int(x) for x in labels]
            except ValueError:
                raise BadSampleError(
                    f'{where}: label is not an integer in {line!r}') from None
            if self.num_classes is not None and any(
                    not 0 <= x < self.num_classes for x in labels):
                raise BadSampleError(
                    f'{where}: label out of range [0, {self.num_classes}) in '
                    f'{line!r}')
            label = labels if self.multi_class else labels[0]
        else:
            if len(fields) not in (1, 2):
                raise BadSampleError(
                    f'{where}: expected "path" (optionally "path label"), got '
                    f'{line!r}')
            label = -1
        return dict(filename=fields[0], label=label)

    def load_data_list(self) -> List[dict]:
        prefix = self.data_prefix.get('video') or ''
        if self.ann_file:
            if not osp.isfile(self.ann_file):
                raise BadSampleError(
                    f'{self.ann_file}: annotation file not found')
            with open(self.ann_file) as f:
                lines = f.read().splitlines()
            data_list = [
                self._parse_line(ln.strip(), i + 1)
                for i, ln in enumerate(lines) if ln.strip()
            ]
        elif not self.with_label:
            data_list = [
                dict(filename=f, label=-1) for f in self._scan_folder(prefix)
            ]
        else:
            raise BadSampleError('a labelled dataset needs an ann_file')
        for d in data_list:
            d['filename'] = osp.join(prefix, d['filename'])
        missing = [
            d['filename'] for d in data_list if not osp.exists(d['filename'])
        ]
        if missing and not self.skip_invalid:
            raise BadSampleError(
                f'{len(missing)} file(s) listed in {self.ann_file or prefix} '
                f'do not exist, e.g. {missing[0]}')
        for m in missing:
            self._log_skip(m, 'file does not exist')
        missing = set(missing)
        return [d for d in data_list if d['filename'] not in missing]

    # ------------------------------------------------------------ samples
    def _log_skip(self, filename: str, reason: str) -> None:
        self.skipped.append(filename)
        # counted over every loader worker of this dataset (their counts
        # share one file), not per process
        if reason.startswith(f'{filename}: '):
            reason = reason[len(filename) + 2:]
        total = self.in_flight.count_skip(filename, reason)
        warn(f'{type(self).__name__}: skipped {filename}: {reason} '
             f'({total} skipped so far)')

    def prepare_data(self, idx: int):
        data_info = self.get_data_info(idx)
        filename = data_info.get('filename', f'sample {idx}')
        self.in_flight.start(idx, filename)
        try:
            out = self.pipeline(data_info)
            self.in_flight.end()
            return out
        except BadSampleError as e:
            err = e
        except Exception as e:  # decoders raise many types; name the file
            err = BadSampleError(f'{filename}: {type(e).__name__}: {e}')
            err.__cause__ = e
        self.in_flight.end()
        if self.skip_invalid and not self.test_mode:
            self._log_skip(filename, str(err))
            return None
        raise err
