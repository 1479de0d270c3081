"""Train a config on N processes, test its last checkpoint, and record the
run next to the config, where the README tables cite it:

    python tools/benchmarks/record_run.py CONFIG [--nproc 2] [--seed 0] \
        [--run-name NAME] [--test-only CHECKPOINT] [--skip-recorded] \
        [-- train.py args ...]

Writes ``<record root>/<config dir>/logs/<run name>/`` (``seedN/`` for a
seed N > 0; see ``records.py``): ``train.log``, ``test.log``,
``test_metrics.json`` and ``time.txt`` (the config, the checkpoint tested,
the seed, the processes, the extra arguments, the training wall-clock time,
the machine). Training and testing go through ``tools/dist_train.sh`` and
``tools/dist_test.sh``, the launchers a user runs; everything around them
is Python. ``--test-only CKPT`` records a test of ``CKPT`` without
training (``none``: a random initialisation); the arguments after ``--``
then go to ``tools/test.py``. ``tools/benchmarks/run_benchmark.py``
records every job this way.

``--test-only CKPT --split val`` measures the config's validation split
(for a pretraining: its held-out clips) again on ``CKPT`` and adds
``val_metrics.json``, ``val.log`` and ``val_time.txt`` to the record
folder, leaving its test record alone; the tables then read the held-out
numbers from ``val_metrics.json`` instead of the last validation in
``train.log`` (``records.last_validation``). For a validation measured
wrong during training (a decoder fault since fixed) without training again.
"""
import argparse
import glob
import os
import os.path as osp
import platform
import shutil
import subprocess
import sys
import time
from typing import List, Optional

import records as rec

from mmmotion.utils.atomic_io import write_text_atomic

ROOT = osp.abspath(osp.join(osp.dirname(__file__), '..', '..'))


def _env(port: int) -> dict:
    env = dict(os.environ, PORT=str(port))
    env['PATH'] = osp.dirname(sys.executable) + os.pathsep + env.get(
        'PATH', '')
    return env


def _sh(cmd: List[str], port: int, dry_run: bool = False) -> None:
    print('+', ' '.join(cmd), flush=True)
    if not dry_run:
        subprocess.run(cmd, check=True, env=_env(port), cwd=ROOT)


def _newest(pattern: str) -> str:
    found = glob.glob(osp.join(ROOT, pattern))
    if not found:
        raise FileNotFoundError(f'nothing matches {pattern}')
    return max(found, key=osp.getmtime)


def _machine() -> str:
    import torch
    dev = 'cuda' if torch.cuda.is_available() else 'no GPU'
    return f'{os.cpu_count()} CPU cores, {dev}, torch {torch.__version__}'


def record(config: str,
           nproc: int = 2,
           seed: int = 0,
           run_name: Optional[str] = None,
           extra: Optional[List[str]] = None,
           work_root: str = 'work_dirs',
           record_root: str = '.',
           port: int = 29500,
           test_only: Optional[str] = None,
           dry_run: bool = False,
           notes: Optional[dict] = None,
           split: str = 'test') -> str:
    """Train (unless ``test_only``), test and record one run; return the
    record folder. ``split='val'``: see the module."""
    config = rec.norm(config)
    name = run_name or rec.config_name(config)
    job = dict(config=config, run_name=name)
    out = rec.record_dir(job, record_root, seed)
    work = work_dir(config, name, seed, work_root)
    extra = list(extra or [])
    if split == 'val':
        return _record_val(config, test_only, out, work, nproc, port, extra,
                           dry_run, seed)
    start = time.time()
    if test_only is None:
        _sh([
            'bash', 'tools/dist_train.sh', config,
            str(nproc), '--work-dir', work, '--seed',
            str(seed)
        ] + extra, port, dry_run)
    secs = int(time.time() - start)
    if test_only is not None:
        ckpt = test_only
    elif dry_run:
        ckpt = f'{work}/epoch_N.pth'
    else:
        ckpt = last_checkpoint(osp.join(ROOT, work))
        if ckpt is None:
            raise FileNotFoundError(f'{work}: training wrote no checkpoint')
        ckpt = rec.norm(osp.relpath(ckpt, ROOT))
    test_work = osp.join(work, 'test')
    # a test-only record takes the extra arguments (e.g. the seed of a
    # random initialisation: --cfg-options randomness.seed=N)
    _sh([
        'bash', 'tools/dist_test.sh', config, ckpt,
        str(nproc), '--work-dir', test_work
    ] + (extra if test_only is not None else []), port, dry_run)
    if dry_run:
        return out
    os.makedirs(osp.join(ROOT, out), exist_ok=True)
    # test_metrics.json marks a complete record (the readers need it): it
    # goes first, and comes back last, atomically, after time.txt and logs
    final = osp.join(ROOT, out, 'test_metrics.json')
    if osp.exists(final):
        os.remove(final)
    metrics = _newest(osp.join(test_work, '*', 'test_metrics.json'))
    logs = glob.glob(osp.join(osp.dirname(metrics), '*.log'))
    shutil.copy(logs[0], osp.join(ROOT, out, 'test.log'))
    if test_only is None:
        train_logs = [
            p for p in glob.glob(osp.join(ROOT, work, '*', '*.log'))
            if '/test/' not in p
        ]
        shutil.copy(
            max(train_logs, key=osp.getmtime),
            osp.join(ROOT, out, 'train.log'))
    lines = [
        f'config: {config}', f'checkpoint tested: {ckpt}', f'seed: {seed}',
        f'processes: {nproc}'
    ]
    if test_only is not None and extra:
        lines += [f'extra test.py arguments: {" ".join(extra)}']
    if test_only is not None:
        # tested again: keep what the record knew of the checkpoint's
        # training (its time, its arguments), never drop it silently
        lines += _training_lines(osp.join(ROOT, out, 'time.txt'), ckpt)
    else:
        lines += [
            f'extra train.py arguments: {" ".join(extra)}',
            f'train wall-clock seconds: {secs}'
        ]
    lines += [
        f'machine: {_machine()} ({platform.node()})',
        f'date: {time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime())}'
    ]
    lines += [f'{k}: {v}' for k, v in (notes or {}).items()]
    write_text_atomic(osp.join(ROOT, out, 'time.txt'), '\n'.join(lines) + '\n')
    with open(metrics) as f:
        text = f.read()
    write_text_atomic(final, text)
    print(text)
    return out


TRAINING_KEYS = ('extra train.py arguments', 'train wall-clock seconds')


def _training_lines(time_txt: str, ckpt: str) -> list:
    """The training lines of an earlier ``time.txt`` that recorded the same
    checkpoint (none for another checkpoint, or for no earlier record)."""
    old = rec.read_time_txt(time_txt)
    if old.get('checkpoint tested') != ckpt:
        return []
    return [f'{k}: {old[k]}' for k in TRAINING_KEYS if k in old]


def _record_val(config, ckpt, out, work, nproc, port, extra, dry_run, seed):
    """Measure ``config``'s validation split on ``ckpt`` into ``out``."""
    if ckpt is None or ckpt == 'none':
        raise ValueError('split="val" measures a trained checkpoint again: '
                         'give test_only=CHECKPOINT')
    test_work = osp.join(work, 'val')
    _sh([
        'bash', 'tools/dist_test.sh', config, ckpt,
        str(nproc), '--work-dir', test_work, '--split', 'val'
    ] + extra, port, dry_run)
    if dry_run:
        return out
    os.makedirs(osp.join(ROOT, out), exist_ok=True)
    metrics = _newest(osp.join(test_work, '*', 'test_metrics.json'))
    logs = glob.glob(osp.join(osp.dirname(metrics), '*.log'))
    shutil.copy(logs[0], osp.join(ROOT, out, 'val.log'))
    lines = [
        f'config: {config}', f'checkpoint measured: {ckpt}',
        'split: val (tools/test.py --split val)', f'seed: {seed}',
        f'processes: {nproc}', f'machine: {_machine()} ({platform.node()})',
        f'date: {time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime())}'
    ]
    write_text_atomic(
        osp.join(ROOT, out, 'val_time.txt'), '\n'.join(lines) + '\n')
    with open(metrics) as f:
        text = f.read()
    write_text_atomic(osp.join(ROOT, out, 'val_metrics.json'), text)
    print(text)
    return out


def work_dir(config: str,
             run_name: str,
             seed: int = 0,
             work_root: str = 'work_dirs') -> str:
    """Where a run trains: ``work_root/<config name>`` (the path configs
    cite for a pretraining's checkpoints), or, for a run named apart from
    its config (a shared config's run for one pretraining),
    ``work_root/<config name>/<run name>``, so that it never trains in
    another run's folder; ``_seedN`` appended for a seed N > 0."""
    name = rec.config_name(config)
    d = osp.join(work_root, name) if run_name == name else osp.join(
        work_root, name, run_name)
    return d if not seed else f'{d}_seed{seed}'


def last_checkpoint(work: str) -> Optional[str]:
    """The checkpoint this run wrote last (mmengine's ``last_checkpoint``
    file), else the highest ``epoch_N.pth``."""
    marker = osp.join(work, 'last_checkpoint')
    if osp.isfile(marker):
        with open(marker) as f:
            path = f.read().strip()
        # written by a training that ran in the project root (_sh)
        path = path if osp.isabs(path) else osp.join(ROOT, path)
        if osp.isfile(path):
            return path
    return rec.latest_checkpoint(work)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = []
    if '--' in argv:
        i = argv.index('--')
        argv, extra = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('config')
    ap.add_argument('--nproc', type=int, default=2)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--run-name')
    ap.add_argument('--test-only', metavar='CHECKPOINT')
    ap.add_argument(
        '--port', type=int, default=int(os.environ.get('PORT', 29500)))
    ap.add_argument('--work-root', default='work_dirs')
    ap.add_argument('--record-root', default='.')
    ap.add_argument('--dry-run', action='store_true')
    ap.add_argument(
        '--split',
        choices=['test', 'val'],
        default='test',
        help='val: measure the validation split of --test-only CHECKPOINT '
        'into the record (see the module)')
    ap.add_argument(
        '--skip-recorded',
        action='store_true',
        help='do nothing when this seed is recorded already')
    args = ap.parse_args(argv)
    job = dict(
        config=args.config,
        run_name=args.run_name or rec.config_name(args.config))
    where = osp.join(ROOT, rec.record_dir(job, args.record_root, args.seed))
    recorded = osp.isfile(osp.join(where, 'val_metrics.json')) \
        if args.split == 'val' else rec.read_metrics(where)
    if args.skip_recorded and recorded:
        print(f'recorded already: {args.config} (seed {args.seed}, '
              f'{args.split})')
        return
    record(
        args.config,
        args.nproc,
        args.seed,
        args.run_name,
        extra,
        args.work_root,
        args.record_root,
        args.port,
        args.test_only,
        args.dry_run,
        split=args.split)


if __name__ == '__main__':
    main()
