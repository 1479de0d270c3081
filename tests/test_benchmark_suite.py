"""The benchmark suite's driver: jobs from a pretraining config, records,
results file, generated README table and metafile (no training here)."""
import json
import os
import os.path as osp
import subprocess
import sys

import pytest
import records as br
import tables

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
C2F = ('configs/coarse_to_fine_motion/c2f-motion_resnext18-tiny_8x2x1-40e_'
       'msr-action3d-depth-64px.py')
C2F_RGB = (
    'configs/coarse_to_fine_motion/c2f-motion_resnext18-tiny_8x2x1-150e_'
    'unlabeled-rgb-64px.py')
DRIVER = osp.join(ROOT, 'tools', 'benchmarks', 'run_benchmark.py')


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_jobs_come_from_the_pretraining_config():
    jobs = br.load_jobs(C2F)
    assert [j['task'] for j in jobs
            ] == ['pretext', 'fine-tune', 'linear-probe', 'retrieval']
    pretext, ft, lp, retr = jobs
    assert pretext['config'] == C2F and pretext['load'] is None
    assert br.record_dir(pretext) == ('configs/coarse_to_fine_motion/logs/' +
                                      br.config_name(C2F))
    assert ft['load'] == 'model.backbone.init_cfg.checkpoint'
    # shared configs record under the row names the results page cites
    assert br.record_dir(lp) == ('configs/benchmarks/linear_probe/logs/'
                                 'resnext18-tiny_c2f-motion-pretrained')
    assert retr['load'] is None
    # the RGB child lists its own (ud810, three folds), not its parent's
    rgb = br.load_jobs(C2F_RGB)
    assert {j['protocol'] for j in rgb[1:]} == {'ud810-lopo'}
    assert sorted(j['fold'] for j in rgb if j['task'] == 'retrieval') == \
        [1, 2, 3]
    assert br.record_dir(rgb[3]).endswith('logs/' + br.config_name(C2F_RGB) +
                                          '_fold1')


def _pretraining(tmp_path, downstream):
    cfg = tmp_path / 'pre.py'
    cfg.write_text(f'x = 1\ndownstream = {downstream!r}\n')
    return str(cfg)


def test_bad_downstream_entries_are_named(tmp_path):
    cfg = str(tmp_path / 'plain.py')
    open(cfg, 'w').write('x = 1\n')
    with pytest.raises(ValueError, match='has no `downstream`'):
        br.load_jobs(cfg)
    bad = [dict(task='fine-tune', protocol='kinetics', config=C2F)]
    with pytest.raises(ValueError, match=r'downstream\[0\]: protocol'):
        br.load_jobs(_pretraining(tmp_path, bad))
    bad = [dict(task='fine-tune', protocol='msr-xsub', config='nope.py')]
    with pytest.raises(ValueError, match="config 'nope.py' does not exist"):
        br.load_jobs(_pretraining(tmp_path, bad))
    bad = [dict(task='fine-tune', protocol='msr-xsub', config=C2F, lr=1)]
    with pytest.raises(ValueError, match=r"unknown keys \['lr'\]"):
        br.load_jobs(_pretraining(tmp_path, bad))


def _record(root, job, metrics, config=None):
    d = br.record_dir(job, str(root))
    os.makedirs(d, exist_ok=True)
    with open(osp.join(d, 'test_metrics.json'), 'w') as f:
        json.dump(metrics, f)
    with open(osp.join(d, 'time.txt'), 'w') as f:
        f.write(f'config: {config or job["config"]}\n'
                'train wall-clock seconds: 12\n')
    return d


def test_records_are_read_checked_and_folds_averaged(tmp_path):
    jobs = br.load_jobs(C2F_RGB)
    assert all(br.read_record(j, str(tmp_path)) is None for j in jobs)
    ft = [j for j in jobs if j['task'] == 'fine-tune']
    for j, acc in zip(ft, (0.5, 0.75, 1.0)):
        _record(tmp_path, j, {'acc/top1': acc, 'acc/mean1': acc})
    recs = [br.read_record(j, str(tmp_path)) for j in ft]
    assert recs[0]['train_seconds'] == 12
    (mean, ) = br.mean_over_folds(recs)
    assert mean['fold'] == 'mean' and len(mean['folds']) == 3
    assert mean['metrics']['acc/top1'] == pytest.approx(0.75)
    # a record made for another config is refused, naming both
    _record(tmp_path, ft[0], {'acc/top1': 0.5}, config='configs/x/other.py')
    with pytest.raises(ValueError, match='recorded for configs/x/other.py'):
        br.read_record(ft[0], str(tmp_path))


def test_table_and_results_file(tmp_path):
    jobs = br.load_jobs(C2F)
    metrics = {
        'pretext': {
            'motion/pred_l1': 0.02241,
            'motion/pred_ssim': 0.9171
        },
        'fine-tune': {
            'acc/top1': 0.6044
        },
        'linear-probe': {
            'acc/top1': 0.2198
        },
        'retrieval': {
            'retrieval/R@1': 0.293,
            'retrieval/R@5': 0.49,
            'retrieval/knn_top1': 0.238
        }
    }
    for j in jobs:
        _record(tmp_path, j, metrics[j['task']])
    recs = [br.read_record(j, str(tmp_path)) for j in jobs]
    entry = br.results_entry(C2F, recs, 'work_dirs/x/epoch_40.pth')
    path = str(tmp_path / 'benchmark_results.json')
    data = br.update_results(path, br.config_name(C2F), entry)
    readme_dir = str(tmp_path / 'configs' / 'coarse_to_fine_motion')
    table = tables.render_benchmark_table(
        data, readme_dir, ['motion/pred_l1', 'motion/pred_ssim'])
    row = table.splitlines()[2]
    assert row.startswith('| ' + br.config_name(C2F) + ' | MSR Action3D')
    assert '[0.0224](logs/' in row and '[0.9171](logs/' in row
    assert '[60.44](logs/i3d_c2f-motion-pretrained-resnext18-tiny_' in row
    assert ('[21.98](../benchmarks/linear_probe/logs/'
            'resnext18-tiny_c2f-motion-pretrained)') in row
    text = f'intro\n{tables.BEGIN}\nold\n{tables.END}\nrest\n'
    new = tables.replace_block(text, table, 'README.md')
    assert 'old' not in new and row in new and new.endswith('rest\n')
    with pytest.raises(ValueError, match='no benchmark table markers'):
        tables.replace_block('no markers', table, 'README.md')
    # a results file whose numbers no longer match their logs is refused
    data[br.config_name(C2F)]['jobs'][1]['metrics']['acc/top1'] = 0.99
    with pytest.raises(ValueError, match='metrics differ'):
        br.check_results(data, path)


def _tool(script, *args):
    return subprocess.run([sys.executable, script, *args],
                          cwd=ROOT,
                          capture_output=True,
                          text=True)


def _driver(*args):
    return _tool(DRIVER, *args)


def test_driver_dry_run_points_every_job_at_the_checkpoint(tmp_path):
    ckpt = tmp_path / 'epoch_40.pth'
    ckpt.write_bytes(b'')
    res = _driver(C2F, '--checkpoint', str(ckpt), '--dry-run', '--rerun',
                  '--record-root', str(tmp_path))
    assert res.returncode == 0, res.stderr
    lines = [ln for ln in res.stdout.splitlines() if ln.startswith('+ ')]
    # pretext test; fine-tune and linear probe: train, test; retrieval test
    assert len(lines) == 6
    assert lines[0].startswith(f'+ bash tools/dist_test.sh {C2F} {ckpt} 2')
    assert 'tools/dist_train.sh' in lines[1] and '--seed 0' in lines[1]
    assert f'model.backbone.init_cfg.checkpoint={ckpt}' in lines[1]
    retrieval = 'retrieval_resnext18-tiny_8x2x1_msr-action3d-depth-64px.py'
    assert retrieval in lines[5]
    res = _driver(C2F, '--checkpoint', str(tmp_path / 'missing.pth'))
    assert res.returncode != 0 and 'checkpoint not found' in res.stderr


def test_driver_collects_records_and_lists_missing_jobs(tmp_path):
    jobs = br.load_jobs(C2F)
    for j in jobs[:2]:
        _record(tmp_path, j, {
            'acc/top1': 0.5,
            'motion/pred_l1': 0.02,
            'motion/pred_ssim': 0.9
        })
    res = _driver(C2F, '--collect-only', '--record-root', str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert 'not recorded: linear-probe' in res.stdout
    assert 'not recorded: retrieval' in res.stdout
    out = tmp_path / 'configs' / 'coarse_to_fine_motion' / \
        'benchmark_results.json'
    data = json.loads(out.read_text())[br.config_name(C2F)]
    assert [j['task'] for j in data['jobs']] == ['pretext', 'fine-tune']
    # the table is printed, the project's README is left alone
    assert '| [50.00](' in res.stdout


def test_driver_finds_the_config_of_a_checkpoint(tmp_path):
    d = tmp_path / br.config_name(C2F)
    d.mkdir()
    ckpt = d / 'epoch_1.pth'
    ckpt.write_bytes(b'')  # never unpickled
    res = _driver(
        str(ckpt), '--dry-run', '--rerun', '--record-root', str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert f'pretraining config {C2F}' in res.stdout
    other = tmp_path / 'unknown'
    other.mkdir()
    (other / 'epoch_1.pth').write_bytes(b'')
    res = _driver(str(other / 'epoch_1.pth'), '--dry-run')
    assert res.returncode != 0 and 'names no config' in res.stderr


def test_metafile_links_pretraining_to_its_benchmark_runs(tmp_path):
    import metafile as make_metafile
    import yaml
    d = tmp_path / 'method'
    (d / 'logs').mkdir(parents=True)
    shared = tmp_path / 'shared'
    shared.mkdir()
    (d / 'pre.py').write_text('x = 1\n')
    (d / 'ft.py').write_text('x = 1\n')
    (shared / 'lp.py').write_text('x = 1\n')
    lp_log = shared / 'logs' / 'pre'
    lp_log.mkdir(parents=True)
    (lp_log / 'train.log').write_text('log\n')
    data = {
        'pre': {
            'pretraining_config':
            f'{d}/pre.py',
            'checkpoint':
            None,
            'jobs': [{
                'task': 'fine-tune',
                'protocol': 'msr-xsub',
                'config': f'{d}/ft.py',
                'fold': None,
                'log_dir': f'{d}/logs/ft',
                'metrics': {
                    'acc/top1': 0.6
                }
            }, {
                'task': 'linear-probe',
                'protocol': 'msr-xsub',
                'config': f'{shared}/lp.py',
                'fold': None,
                'log_dir': str(lp_log),
                'metrics': {
                    'acc/top1': 0.2
                }
            }]
        }
    }
    (d / 'benchmark_results.json').write_text(json.dumps(data))
    (d / 'extra.yml').write_text(
        'Models:\n ft:\n  Results:\n  - Dataset: UCF101\n    Task: '
        'Action Recognition\n    Metrics:\n      Top 1 Accuracy (paper): '
        '88.1\n')
    make_metafile.main(
        [str(d), '--collection', 'M', '--extra',
         str(d / 'extra.yml')])
    meta = yaml.safe_load((d / 'metafile.yml').read_text())
    models = {m['Name']: m for m in meta['Models']}
    assert models['pre']['Downstream'] == ['ft', 'linear-probe_pre']
    lp = models['linear-probe_pre']
    assert lp['Metadata']['Pretrained'] == 'pre'
    assert lp['Results'][0]['Metrics'] == {'top1': 0.2}
    assert lp['Results'][0]['Dataset'].startswith('MSR Action3D')
    assert models['ft']['Results'][0]['Metrics'] == {
        'Top 1 Accuracy (paper)': 88.1
    }
    (d / 'extra.yml').write_text('Models:\n  nope:\n    Metadata: {A: 1}\n')
    with pytest.raises(ValueError, match=r"not configs here: \['nope'\]"):
        make_metafile.main(
            [str(d), '--collection', 'M', '--extra',
             str(d / 'extra.yml')])


def test_compare_records_sets_a_rerun_beside_the_record(tmp_path):
    import compare_records
    rec, rerun = tmp_path / 'rec', tmp_path / 'rerun'
    for j in br.load_jobs(C2F):
        m = {'acc/top1': 0.6, 'retrieval/R@1': 0.3, 'motion/pred_l1': 0.02}
        _record(rec, j, m)
        if j['task'] != 'retrieval':
            _record(rerun, j, dict(m, **{'acc/top1': 0.65}))
    rows, missing = compare_records.compare(C2F, str(rerun), str(rec))
    ft = [r for r in rows if r[0]['task'] == 'fine-tune']
    assert [(k, a, b) for _, k, a, b in ft] == [('acc/top1', 0.6, 0.65)]
    assert [(j['task'], side)
            for j, side in missing] == [('retrieval', 'rerun')]


def test_heldout_measured_again_replaces_the_training_log(tmp_path):
    # a record's held-out numbers: the last validation in train.log, or
    # val_metrics.json once record_run.py --split val measured them again
    (tmp_path / 'train.log').write_text(
        'x - Epoch(val) [10][1/1]  motion/pred_l1: 0.0300  motion/zero_l1: '
        '0.0290\nx - Epoch(val) [40][1/1]  motion/pred_l1: 0.0153  '
        'motion/zero_l1: 0.0291  data_time: 0.9\n')
    assert br.last_validation(str(tmp_path))['motion/pred_l1'] == 0.0153
    (tmp_path / 'val_metrics.json').write_text(
        json.dumps({
            'motion/pred_l1': 0.0177,
            'motion/zero_l1': 0.0399
        }))
    assert br.last_validation(str(tmp_path)) == {
        'motion/pred_l1': 0.0177,
        'motion/zero_l1': 0.0399
    }
    rec = osp.join(ROOT, 'tools', 'benchmarks', 'record_run.py')
    res = _tool(rec, C2F, '--test-only', 'w/epoch_40.pth', '--split', 'val',
                '--dry-run', '--record-root', str(tmp_path))
    assert res.returncode == 0, res.stderr
    cmd = [ln for ln in res.stdout.splitlines() if ln.startswith('+ ')]
    assert len(cmd) == 1 and 'tools/dist_test.sh' in cmd[0]
    assert cmd[0].rstrip().endswith('--split val')
    res = _tool(rec, C2F, '--split', 'val', '--dry-run')
    assert res.returncode != 0 and 'give test_only=CHECKPOINT' in res.stderr


def test_a_test_only_record_keeps_the_training_time(tmp_path):
    # re-testing a trained checkpoint into its record keeps what the record
    # knew of its training; another checkpoint's training is not carried
    import record_run
    t = tmp_path / 'time.txt'
    t.write_text('config: c.py\ncheckpoint tested: w/epoch_40.pth\n'
                 'seed: 0\nextra train.py arguments: --x\n'
                 'train wall-clock seconds: 798\n')
    assert record_run._training_lines(str(t), 'w/epoch_40.pth') == [
        'extra train.py arguments: --x', 'train wall-clock seconds: 798'
    ]
    assert record_run._training_lines(str(t), 'w/epoch_30.pth') == []
    assert record_run._training_lines(
        str(tmp_path / 'none.txt'), 'w/epoch_40.pth') == []


def test_chain_cost_sums_the_recorded_training_time():
    import chain_cost
    cfg = ('configs/atomic_flow/atomic-flow-2d_convlstm-tiny_10x2x1-150e_'
           'natural-rgb-112px.py')
    costs = chain_cost.seed_costs(cfg)
    assert sorted(costs) == [0, 1, 2]
    for c in costs.values():  # three ud810 fine-tunings a seed, all timed
        assert c['pretrain'] > 0 and c['jobs'] == 3 and not c['untimed']
    text = chain_cost.render(cfg)
    total = sum(c['pretrain'] + c['downstream'] for c in costs.values())
    assert f'| all 3 | | | {total / 60:.1f} |' in text


def test_rows_of_fewer_seeds_are_listed_apart():
    # a row is as many seeds as its least-seeded cell; under 3 it is listed
    # apart on the results page (neither ranked nor tied)
    import results_page
    three, one = ({'n': 3}, 'a', 0), ({'n': 1}, 'b', 0)
    assert results_page._seeds([three, None, three]) == 3
    assert results_page._seeds([three, one, None]) == 1
    assert results_page._seeds([None, None, None]) == results_page.MIN_SEEDS
    page = results_page.render(ROOT)
    for section in page.split('\n## ')[1:3]:  # the two protocols
        main = section.split('In progress on')[0].split('Superseded on')[0]
        cells = [
            c.strip() for ln in main.splitlines() if ln.startswith('| ')
            for c in ln.split(' | ')[2:] if c.strip().startswith('[')
        ]
        assert cells and all('(n=3)' in c for c in cells), cells
