"""The tools as users run them: dist_train.sh on 2 processes, resume, test."""
import glob
import json
import os
import os.path as osp
import signal
import subprocess
import sys
import time

import pytest
import torch
from conftest import ROOT, TINY_CONFIG, data_options, run_tool


def _weights(path):
    from mmmotion.utils.compat import load_checkpoint_weights_only
    return load_checkpoint_weights_only(path, 'cpu')['state_dict']


def test_dist_train_two_processes_then_dist_test(msr_mini, tmp_path):
    work = tmp_path / 'dist'
    run_tool([
        'bash', 'tools/dist_train.sh', TINY_CONFIG, '2', '--work-dir',
        str(work), '--seed', '0', '--cfg-options', 'train_cfg.max_epochs=1',
        *data_options(msr_mini)
    ],
             env={'PORT': '29611'})
    log = open(glob.glob(f'{work}/*/*.log')[0]).read()
    # mmengine calls the process count "GPU number" even on the CPU
    assert 'Distributed training: True' in log and 'GPU number: 2' in log
    assert "'backend': 'gloo'" in log
    assert 'Epoch(train) [1]' in log
    # 11 train clips, 2 per process per step: 3 steps an epoch on each of 2
    assert 'Epoch(train) [1][3/3]' in log
    assert osp.isfile(work / 'epoch_1.pth')
    run_tool([
        'bash', 'tools/dist_test.sh', TINY_CONFIG,
        str(work / 'epoch_1.pth'), '2', '--work-dir',
        str(tmp_path / 'dist_test'), '--cfg-options', *data_options(msr_mini)
    ],
             env={'PORT': '29612'})
    metrics = glob.glob(f'{tmp_path}/dist_test/*/test_metrics.json')
    assert len(metrics) == 1
    assert 0 <= json.load(open(metrics[0]))['acc/top1'] <= 1


def test_resume_after_kill_matches_uninterrupted_run(msr_mini, tmp_path):
    common = [
        '--seed', '0', '--cfg-options', 'train_cfg.max_epochs=3',
        *data_options(msr_mini)
    ]
    full = tmp_path / 'full'
    run_tool([
        sys.executable, 'tools/train.py', TINY_CONFIG, '--work-dir',
        str(full), *common
    ])
    # the same run, killed once its first epoch's checkpoint is written
    killed = tmp_path / 'killed'
    env = dict(
        os.environ,
        OMP_NUM_THREADS='1',
        PYTHONPATH=ROOT + os.pathsep + os.environ.get('PYTHONPATH', ''))
    p = subprocess.Popen([
        sys.executable, 'tools/train.py', TINY_CONFIG, '--work-dir',
        str(killed), *common
    ],
                         cwd=ROOT,
                         env=env,
                         stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while not osp.exists(killed / 'epoch_1.pth'):
        assert p.poll() is None and time.time() < deadline, 'no checkpoint'
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert not osp.exists(killed / 'epoch_3.pth')
    run_tool([
        sys.executable, 'tools/train.py', TINY_CONFIG, '--work-dir',
        str(killed), '--resume', *common
    ])
    a, b = _weights(full / 'epoch_3.pth'), _weights(killed / 'epoch_3.pth')
    assert a.keys() == b.keys()
    for k in a:
        assert torch.equal(a[k], b[k]), k
    # and training changed the weights at all
    first = _weights(full / 'epoch_1.pth')
    assert any(not torch.equal(first[k], a[k]) for k in a
               if a[k].is_floating_point())


def test_test_tool_writes_metrics_and_dump(msr_mini, tmp_path):
    work = tmp_path / 'run'
    run_tool([
        sys.executable, 'tools/train.py', TINY_CONFIG, '--work-dir',
        str(work), '--cfg-options', 'train_cfg.max_epochs=1',
        *data_options(msr_mini)
    ])
    out = tmp_path / 'test'
    proc = run_tool([
        sys.executable, 'tools/test.py', TINY_CONFIG,
        str(work / 'epoch_1.pth'), '--work-dir',
        str(out), '--dump',
        str(tmp_path / 'preds.pkl'), '--cfg-options', *data_options(msr_mini)
    ])
    metrics = json.load(open(glob.glob(f'{out}/*/test_metrics.json')[0]))
    assert set(metrics) >= {'acc/top1', 'acc/top5', 'acc/mean1'}
    assert osp.isfile(tmp_path / 'preds.pkl')
    assert 'acc/top1' in proc.stdout + proc.stderr


def test_extract_backbone_weights_loads_as_pretrained(msr_mini, tmp_path):
    work = tmp_path / 'run'
    run_tool([
        sys.executable, 'tools/train.py', TINY_CONFIG, '--work-dir',
        str(work), '--cfg-options', 'train_cfg.max_epochs=1',
        *data_options(msr_mini)
    ])
    dst = tmp_path / 'backbone.pth'
    run_tool([
        sys.executable, 'tools/model_converters/extract_backbone_weights.py',
        str(work / 'epoch_1.pth'),
        str(dst)
    ])
    # plain torch, weights only: nothing but tensors inside
    raw = torch.load(str(dst), weights_only=True)['state_dict']
    assert raw and all(k.startswith('backbone.') for k in raw)
    from mmengine.config import Config
    from mmengine.model.weight_init import PretrainedInit

    import mmmotion  # noqa: F401
    from mmmotion.registry import MODELS
    cfg = Config.fromfile(TINY_CONFIG)
    # what init_cfg=dict(type='Pretrained', checkpoint=..., prefix=...) runs
    backbone = MODELS.build(cfg.model.backbone)
    PretrainedInit(checkpoint=str(dst), prefix='backbone.')(backbone)
    for k, v in backbone.state_dict().items():
        assert torch.equal(v, raw['backbone.' + k]), k
    # --strip: for MMAction2's ResNet3d, which loads through `pretrained`
    stripped = tmp_path / 'stripped.pth'
    run_tool([
        sys.executable, 'tools/model_converters/extract_backbone_weights.py',
        str(work / 'epoch_1.pth'),
        str(stripped), '--strip'
    ])
    cfg.model.backbone.pretrained = str(stripped)
    backbone = MODELS.build(cfg.model.backbone)
    backbone.init_weights()
    for k, v in backbone.state_dict().items():
        assert torch.equal(v, raw['backbone.' + k]), k


def test_results_table_reads_recorded_metrics(tmp_path, capsys):
    import tables
    run = tmp_path / 'logs' / 'my_run'
    run.mkdir(parents=True)
    (run / 'test_metrics.json').write_text(
        json.dumps({
            'acc/top1': 0.8132,
            'acc/mean1': 0.8084
        }))
    (run / 'time.txt').write_text('train wall-clock seconds: 120\n')
    out = tables.render_runs_table(
        str(tmp_path), dict(runs='*', metrics=['acc/top1'], percent=True))
    assert '| [my_run](logs/my_run) | 81.32 | 2.0 min |' in out
    with pytest.raises(KeyError, match='has no'):
        tables.render_runs_table(
            str(tmp_path), dict(runs='*', metrics=['acc/top5']))


def test_make_metafile_from_recorded_runs(tmp_path):
    import metafile as make_metafile
    import yaml
    d = tmp_path / 'method'
    (d / 'logs' / 'run_a').mkdir(parents=True)
    (d / 'run_a.py').write_text('x = 1\n')
    (d / 'paper_scale.py'
     ).write_text("load_from = 'work_dirs/run_a/epoch_1.pth'\n")
    logs = d / 'logs' / 'run_a'
    (logs / 'test_metrics.json').write_text(json.dumps({'acc/top1': 0.25}))
    (logs / 'time.txt').write_text(f'config: {d}/run_a.py\n')
    (logs / 'train.log').write_text('log\n')
    args = [
        str(d), '--collection', 'M', '--paper-title', 'T', '--paper-url', 'U',
        '--rule', 'run_*|MSR|Action Recognition'
    ]
    make_metafile.main(args)
    meta = yaml.safe_load((d / 'metafile.yml').read_text())
    models = {m['Name']: m for m in meta['Models']}
    assert models['paper_scale']['Metadata']['Run here'] is False
    a = models['run_a']
    assert a['Metadata']['Run here'] is True
    assert a['Results'][0]['Metrics'] == {'top1': 0.25}
    assert a['Results'][0]['Dataset'] == 'MSR'
    assert a['Training Log'].endswith('logs/run_a/train.log')
    assert a['Downstream'] == ['paper_scale']
    # a results file recorded for another config is refused
    (logs / 'time.txt').write_text('config: elsewhere/other.py\n')
    with pytest.raises(ValueError, match='recorded for elsewhere/other.py'):
        make_metafile.main(args)
    (logs / 'time.txt').write_text(f'config: {d}/run_a.py\n')
    with pytest.raises(ValueError, match='no --rule matches'):
        make_metafile.main(args[:-2])


def test_results_page_reads_only_recorded_runs(tmp_path):
    import results_page
    ref = results_page.REFERENCE_ROWS['msr-xsub'][1][2]  # scratch ResNeXt
    d = tmp_path / ref
    d.mkdir(parents=True)
    (d / 'test_metrics.json').write_text(json.dumps({'acc/top1': 0.4322}))
    # a pretraining's results, as run_benchmark.py writes them
    m = tmp_path / 'configs' / 'dynamonet'
    (m / 'logs' / 'ft').mkdir(parents=True)
    (m / 'benchmark_results.json').write_text(
        json.dumps({
            'pre': {
                'pretraining_config':
                'configs/dynamonet/pre.py',
                'jobs': [
                    {
                        'task': 'fine-tune',
                        'protocol': 'msr-xsub',
                        'fold': None,
                        'log_dir': 'configs/dynamonet/logs/ft',
                        'n': 3,  # ranked (the best row) only with 3 seeds
                        'metrics': {
                            'acc/top1': 0.5
                        },
                        'std': {
                            'acc/top1': 0.01
                        }
                    },
                    {
                        'task': 'fine-tune',
                        'protocol': 'ud810-lopo',
                        'fold': 'mean',
                        'folds': [{
                            'log_dir': 'configs/dynamonet/logs/ft1'
                        }] * 3,
                        'metrics': {
                            'acc/top1': 0.7
                        }
                    }
                ]
            }
        }))
    text = results_page.render(str(tmp_path))
    row = next(line for line in text.splitlines()
               if line.startswith('| supervised from scratch | ResNeXt'))
    assert f'[43.22](../{ref})' in row
    assert 'not run' in row  # its retrieval row is not recorded here
    ssl = [
        line for line in text.splitlines()
        if line.startswith('| ') and '[pre]' in line
    ]
    assert '[50.00 ± 1.00 (n=3)](../configs/dynamonet/logs/ft)' in ssl[0]
    assert '[70.00 (mean of 3)](../configs/dynamonet/logs)' in ssl[1]
    assert '38.90 points short of the HON4D anchor' in text
    assert '88.9' in text and 'published number, not run here' in text
    (d / 'test_metrics.json').write_text(json.dumps({'acc/top5': 0.9}))
    with pytest.raises(KeyError, match='has no acc/top1'):
        results_page.render(str(tmp_path))


def test_check_seek_passes_a_clean_clip(tmp_path):
    import subprocess
    import sys
    out = tmp_path / 'report.tsv'
    clip = 'tests/data/natural_rgb/imageio_newtonscradle.mp4'
    r = subprocess.run([
        sys.executable, 'tools/data/check_seek.py', clip, '--frames', '3',
        '--out',
        str(out)
    ],
                       capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    name, frames, diff, state = out.read_text().strip().split('\t')
    assert name == clip and int(frames) == 36 and state == 'ok'
    assert float(diff) <= 1.0
    r = subprocess.run(
        [sys.executable, 'tools/data/check_seek.py', 'nope.mp4'],
        capture_output=True,
        text=True)
    assert r.returncode == 1 and 'unreadable' in r.stdout
