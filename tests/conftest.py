import os
import os.path as osp
import subprocess
import sys

import pytest

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
TEST_DATA = osp.join(ROOT, 'tests', 'data')
TINY_CONFIG = osp.join(ROOT, 'tests', 'configs', 'tiny_r3d_msr.py')


def run_tool(args, timeout=600, env=None, cwd=ROOT, check=True):
    """Run a command from the project root; fail with its output."""
    full_env = dict(os.environ)
    full_env.setdefault('OMP_NUM_THREADS', '1')
    full_env['PYTHONPATH'] = ROOT + os.pathsep + full_env.get('PYTHONPATH', '')
    full_env['PATH'] = osp.dirname(sys.executable) + os.pathsep + \
        full_env.get('PATH', '')
    full_env.update(env or {})
    proc = subprocess.run(
        args,
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(
            f'{args} exited {proc.returncode}\n--- stdout\n'
            f'{proc.stdout[-4000:]}\n--- stderr\n{proc.stderr[-6000:]}')
    return proc


def data_options(data_root):
    """--cfg-options that point the tiny config at a converted data root."""
    opts = []
    for split, name in (('train', 'train'), ('val', 'val'), ('test', 'val')):
        opts += [
            f'{split}_dataloader.dataset.ann_file='
            f'{data_root}/msr_action3d_{name}_list.txt',
            f'{split}_dataloader.dataset.data_prefix.video={data_root}'
        ]
    return opts


@pytest.fixture(scope='session')
def msr_mini(tmp_path_factory):
    """The MSR Action3D clips of tests/data, converted as users convert."""
    out = str(tmp_path_factory.mktemp('msr_mini'))
    run_tool([
        sys.executable, 'tools/data/msr_action3d/convert.py', '--src',
        osp.join(TEST_DATA, 'msr_action3d'), '--out', out
    ])
    return out


def dying_save(real_save, at=3):
    """An ``np.save`` that writes half a file on its ``at``-th call and
    raises ``KeyboardInterrupt``: a kill in the middle of a write."""
    calls = {'n': 0}

    def save(f, arr):
        calls['n'] += 1
        if calls['n'] == at:
            f.write(b'half')
            raise KeyboardInterrupt
        real_save(f, arr)

    return save
