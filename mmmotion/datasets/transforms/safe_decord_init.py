import logging
import os.path as osp
import tempfile
from typing import Dict

from mmaction.datasets.transforms.loading import DecordInit
from mmengine.logging import print_log

from mmmotion.registry import TRANSFORMS
from ..errors import BadSampleError
from ..forward_reader import ForwardReader
from ..video_check import DEFAULT_TIMEOUT, readable, video_facts


@TRANSFORMS.register_module()
class SafeDecordInit(DecordInit):
    """MMAction2's ``DecordInit`` that no broken video can crash.

    A drop-in for ``DecordInit``: the same arguments (``io_backend``,
    ``num_threads``, file-client ``kwargs``) and outputs (``video_reader``,
    ``total_frames``, ``avg_fps``). Two differences, both ours:

    - a local file (``io_backend='disk'``) is opened by its path. MMAction2
      reads it into memory and hands decord a ``BytesIO``; on a truncated
      MPEG-4 AVI, decord then segfaults and takes the loader worker, and the
      run, with it, while the same file opened by path raises or decodes;
    - before the first decode of a file it is checked once in a child
      process (``mmmotion/datasets/video_check.py``: every frame decoded,
      the result cached by path, size and modification time across
      processes and runs), so that a crash, a decoder error, a hang, a file
      without read permission, an empty file or a header that declares more
      frames than decode becomes a ``BadSampleError`` naming the file. With
      the dataset's ``skip_invalid=True`` such a sample is skipped, logged
      and counted;
    - the full check also reads a few frames by seeking and compares them
      with the in-order decode. A file whose seeks decode wrong (grey or
      smeared frames, no error: ``video_probe.py``) is read through
      :class:`~mmmotion.datasets.forward_reader.ForwardReader`, which
      decodes in order past the first bad key frame, and a warning names
      it once per process. Frames stay right; reading them costs more.

    Files from other backends are fetched, checked the same way through a
    temporary copy, and read from memory, as ``DecordInit`` does.

    Switch an MMAction2 config over with one option (the first transform
    of its pipeline is ``DecordInit``), with
    ``custom_imports = dict(imports=['mmmotion'])``: ``--cfg-options``
    ``train_dataloader.dataset.pipeline.0.type=mmmotion.SafeDecordInit``;
    or name ``type='SafeDecordInit'`` under ``default_scope='mmmotion'``.

    Args:
        io_backend (str): where the videos are. Defaults to ``'disk'``.
        num_threads (int): decoding threads. Defaults to 1.
        check (str): ``'full'`` decodes every frame in the check,
            ``'sparse'`` the first, middle and last, ``'none'`` skips the
            check (opening by path stays). Defaults to ``'full'``.
        check_timeout (float): seconds a check may take before the file
            counts as hanging the decoder. Defaults to 300.
        kwargs (dict): arguments of the file client.
    """

    def __init__(self,
                 io_backend: str = 'disk',
                 num_threads: int = 1,
                 check: str = 'full',
                 check_timeout: float = DEFAULT_TIMEOUT,
                 **kwargs) -> None:
        super().__init__(
            io_backend=io_backend, num_threads=num_threads, **kwargs)
        if check not in ('full', 'sparse', 'none'):
            raise ValueError(f"check must be 'full', 'sparse' or 'none', "
                             f'not {check!r}')
        self.check = check
        self.check_timeout = check_timeout
        self._remote_ok = {}
        self._warned = set()

    def _check(self, path: str, shown: str, use_cache: bool = True) -> dict:
        """The check's facts of ``path`` ({} when unchecked)."""
        if self.check == 'none':
            return {}
        try:
            return video_facts(
                path,
                full=self.check == 'full',
                timeout=self.check_timeout,
                use_cache=use_cache)
        except BadSampleError as e:
            if path != shown:  # a temporary copy: name the real file
                raise BadSampleError(str(e).replace(path, shown)) from None
            raise

    def _reader(self, reader, facts: dict, shown: str):
        """``reader``, or a :class:`ForwardReader` over it when the check
        found that seeks into the file decode wrong."""
        if 'seek_safe_until' not in facts:
            return reader
        if shown not in self._warned:
            self._warned.add(shown)
            print_log(
                f'{shown}: seeking decodes wrong from key frame '
                f'{facts["seek_safe_until"]} on (up to '
                f'{facts["seek_error"]:.1f} grey levels off); reading its '
                'frames in order instead',
                logger='current',
                level=logging.WARNING)
        return ForwardReader(reader, facts['seek_safe_until'])

    def _get_video_reader(self, filename: str) -> object:
        if osp.splitext(filename)[0] == filename:
            filename = filename + '.mp4'
        import decord
        if self.io_backend == 'disk':
            if not osp.isfile(filename):
                raise BadSampleError(f'{filename}: file does not exist')
            if not readable(filename):
                raise BadSampleError(f'{filename}: no read permission')
            facts = self._check(filename, filename)
            return self._reader(
                decord.VideoReader(filename, num_threads=self.num_threads),
                facts, filename)
        import io

        from mmengine.fileio import FileClient
        if self.file_client is None:
            self.file_client = FileClient(self.io_backend, **self.kwargs)
        raw = self.file_client.get(filename)
        # a temporary copy has a new path and mtime each time: remember the
        # verdict by the file's name and size in this process instead
        key = (filename, len(raw))
        if key not in self._remote_ok:
            with tempfile.NamedTemporaryFile(
                    suffix=osp.splitext(filename)[1]) as tmp:
                tmp.write(raw)
                tmp.flush()
                self._remote_ok[key] = self._check(
                    tmp.name, filename, use_cache=False)
        return self._reader(
            decord.VideoReader(io.BytesIO(raw), num_threads=self.num_threads),
            self._remote_ok[key], filename)

    def transform(self, results: Dict) -> Dict:
        try:
            return super().transform(results)
        except BadSampleError:
            raise
        except Exception as e:  # decoders raise many types; name the file
            raise BadSampleError(
                f'{results.get("filename")}: {type(e).__name__}: {e}') from e

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(io_backend={self.io_backend}, '
                f'num_threads={self.num_threads}, check={self.check})')
