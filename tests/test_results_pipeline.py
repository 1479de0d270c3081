"""The one results pipeline: every committed README block, metafile and the
results page equal what the records give, seeds aggregate into mean +- std,
and the run recorder lays records out where the readers look."""
import json
import os
import os.path as osp
import subprocess
import sys

import pytest
import record_run
import records as br
import tables

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
C2F = ('configs/coarse_to_fine_motion/c2f-motion_resnext18-tiny_8x2x1-40e_'
       'msr-action3d-depth-64px.py')


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_committed_results_are_what_the_records_give():
    """Every README table, metafile.yml and docs/results.md, regenerated from
    the records, is identical to the committed file."""
    res = subprocess.run(
        [sys.executable, 'tools/benchmarks/results.py', 'all', '--check'],
        cwd=ROOT,
        capture_output=True,
        text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    assert 'generated files match their records' in res.stdout


def _seed_record(root, job, seed, metrics):
    d = osp.join(str(root), br.record_dir(job, '.', seed))
    os.makedirs(d, exist_ok=True)
    with open(osp.join(d, 'test_metrics.json'), 'w') as f:
        json.dump(metrics, f)
    with open(osp.join(d, 'time.txt'), 'w') as f:
        f.write(f'config: {job["config"]}\nseed: {seed}\n'
                'train wall-clock seconds: 60\n')


def test_seeds_aggregate_into_mean_and_std(tmp_path):
    ft = next(j for j in br.load_jobs(C2F) if j['task'] == 'fine-tune')
    assert br.record_dir(ft, 'r', 0) == br.record_dir(ft, 'r')
    assert br.record_dir(ft, 'r', 2).endswith(ft['run_name'] + '/seed2')
    for seed, acc in zip((0, 1, 2), (0.5, 0.6, 0.7)):
        _seed_record(tmp_path, ft, seed, {'acc/top1': acc})
    recs = br.read_seed_records(ft, str(tmp_path))
    assert [r['seed'] for r in recs] == [0, 1, 2]
    run = br.read_record(ft, str(tmp_path))
    assert run['n'] == 3 and len(run['seeds']) == 3
    assert run['metrics']['acc/top1'] == pytest.approx(0.6)
    assert run['std']['acc/top1'] == pytest.approx(0.1)
    assert run['log_dir'] == br.record_dir(ft, str(tmp_path))
    cell = tables.benchmark_cell(run, 'acc/top1', str(tmp_path))
    assert cell.startswith('[60.00 ± 10.00 (n=3)](')
    # one seed reads as before seeds existed: no n, no std
    one = br.read_record(ft, str(tmp_path / 'none'))
    assert one is None
    # a seed folder whose time.txt names another seed is refused
    d = osp.join(str(tmp_path), br.record_dir(ft, '.', 1), 'time.txt')
    with open(d, 'w') as f:
        f.write(f'config: {ft["config"]}\nseed: 4\n')
    with pytest.raises(ValueError, match='says seed 4'):
        br.read_record(ft, str(tmp_path))


def test_a_metric_only_later_seeds_record_is_left_out(tmp_path):
    """Seeds recorded before a metric existed: the shared metrics are
    averaged over every seed, the newer one is not averaged over fewer."""
    ft = next(j for j in br.load_jobs(C2F) if j['task'] == 'fine-tune')
    _seed_record(tmp_path, ft, 0, {'acc/top1': 0.5})
    for seed in (1, 2):
        _seed_record(tmp_path, ft, seed, {'acc/top1': 0.6, 'acc/new': 1.0})
    run = br.read_record(ft, str(tmp_path))
    assert run['n'] == 3 and set(run['metrics']) == {'acc/top1'}
    assert run['metrics']['acc/top1'] == pytest.approx(0.5667, abs=1e-4)
    assert run['unshared'] == ['acc/new']
    _seed_record(tmp_path, ft, 0, {'other': 0.5})
    with pytest.raises(ValueError, match='share no metric'):
        br.read_record(ft, str(tmp_path))


def test_fold_means_of_several_seeds(tmp_path):
    jobs = br.load_jobs(
        ('configs/coarse_to_fine_motion/c2f-motion_resnext18-tiny_8x2x1-150e_'
         'unlabeled-rgb-64px.py'))
    folds = [j for j in jobs if j['task'] == 'fine-tune']
    for k, j in enumerate(folds):
        for seed in (0, 1):
            _seed_record(tmp_path, j, seed, {'acc/top1': 0.1 * k + seed})
    (mean, ) = br.mean_over_folds(
        [br.read_record(j, str(tmp_path)) for j in folds])
    # the seeds' fold means: 0.1 and 1.1
    assert mean['n'] == 2
    assert mean['metrics']['acc/top1'] == pytest.approx(0.6)
    assert mean['std']['acc/top1'] == pytest.approx(0.5 * 2**0.5)
    _seed_record(tmp_path, folds[0], 2, {'acc/top1': 0.0})
    with pytest.raises(ValueError, match='different seeds'):
        br.mean_over_folds([br.read_record(j, str(tmp_path)) for j in folds])


def test_runs_table_shows_seeds(tmp_path):
    job = dict(config='configs/m/run_a.py', run_name='run_a')
    for seed, v in ((0, 0.25), (1, 0.35)):
        _seed_record(tmp_path, job, seed, {'acc/top1': v})
    text = tables.render_runs_table(
        str(tmp_path / 'configs' / 'm'),
        dict(runs='run_*', metrics=['acc/top1'], percent=True))
    assert ('| [run_a](logs/run_a) | 30.00 ± 7.07 (n=2) | 1.0 min |' in text)
    rows = tables.render_rows_table(
        str(tmp_path / 'configs' / 'm'),
        dict(
            columns=[dict(heading='top-1', percent=True, digits=1), 'x'],
            links='logs',
            rows=[
                dict(
                    label='A ({minutes:.0f} min)',
                    run='logs/run_a',
                    cells=['{acc/top1}', '{acc/top1:.3f} (b)'],
                    links={'log': 'logs/run_a/train.log'})
            ]))
    assert ('| A (1 min) | [30.0 ± 7.1 (n=2)](logs/run_a) | '
            '0.300 ± 0.071 (n=2) (b) | [log](logs/run_a/train.log) |') in rows
    with pytest.raises(KeyError, match='has no acc/top5'):
        tables.render_rows_table(
            str(tmp_path / 'configs' / 'm'),
            dict(
                columns=['x'],
                rows=[dict(label='A', run='logs/run_a',
                           cells=['{acc/top5}'])]))


def test_recorder_dry_run_names_the_launchers(capsys):
    out = record_run.record(C2F, seed=1, dry_run=True)
    printed = capsys.readouterr().out
    assert 'tools/dist_train.sh ' + C2F in printed and '--seed 1' in printed
    assert 'tools/dist_test.sh' in printed
    assert out.endswith('/seed1')


def test_trained_jobs_default_to_the_configs_load_option(tmp_path):
    cfg = tmp_path / 'pre.py'
    ft = 'configs/coarse_to_fine_motion/i3d_c2f-motion-pretrained-' \
        'resnext18-tiny_8x2x1-60e_msr-action3d-depth-64px.py'
    ret = 'configs/benchmarks/retrieval/retrieval_resnext18-tiny_' \
        '8x2x1_msr-action3d-depth-64px.py'
    cfg.write_text(
        f'downstream = [dict(task=t, protocol="msr-xsub", config=c) for t, c '
        f'in (("fine-tune", "{ft}"), ("retrieval", "{ret}"))]\n')
    jobs = br.load_jobs(str(cfg))
    assert [j['load'] for j in jobs] == [None, br.DEFAULT_LOAD, None]
    cfg.write_text(cfg.read_text() + 'downstream_load = "load_from"\n')
    assert br.load_jobs(str(cfg))[1]['load'] == 'load_from'


def test_renamed_configs_keep_their_records(tmp_path, monkeypatch):
    ft = next(j for j in br.load_jobs(C2F) if j['task'] == 'fine-tune')
    _seed_record(tmp_path, ft, 0, {'acc/top1': 0.5})
    d = osp.join(str(tmp_path), br.record_dir(ft))
    with open(osp.join(d, 'time.txt'), 'w') as f:
        f.write('config: configs/old/name.py\n')
    with pytest.raises(ValueError, match='recorded for configs/old/name.py'):
        br.read_record(ft, str(tmp_path))
    monkeypatch.setitem(br._renames, br._project_root(),
                        {'configs/old/name.py': ft['config']})
    assert br.read_record(ft, str(tmp_path))['metrics'] == {'acc/top1': 0.5}


def test_results_page_says_tie_within_the_larger_std(tmp_path):
    import results_page
    lp_ref = results_page.REFERENCE_ROWS['msr-xsub'][0][3]  # random init
    for seed, acc in ((0, 0.24), (1, 0.28), (2, 0.26)):
        d = tmp_path / lp_ref / (f'seed{seed}' if seed else '')
        d.mkdir(parents=True, exist_ok=True)
        (d / 'test_metrics.json').write_text(json.dumps({'acc/top1': acc}))
    m = tmp_path / 'configs' / 'dynamonet'
    m.mkdir(parents=True)
    (m / 'pre.py').write_text("model = dict(backbone=dict(type='ResNeXt3D', "
                              'depth=18, base_width=16))\n')

    def page(mean):
        job = {
            'task': 'linear-probe',
            'protocol': 'msr-xsub',
            'fold': None,
            'log_dir': 'configs/dynamonet/logs/lp',
            'n': 3,
            'metrics': {
                'acc/top1': mean
            },
            'std': {
                'acc/top1': 0.01
            }
        }
        (m / 'benchmark_results.json').write_text(
            json.dumps({
                'pre': {
                    'pretraining_config': 'configs/dynamonet/pre.py',
                    'jobs': [job]
                }
            }))
        text = results_page.render(str(tmp_path))
        return next(ln for ln in text.splitlines() if '[pre]' in ln)

    # random init: 26.00 +- 2.00 (n=3); within 2.00 points is a tie (rows
    # of fewer than 3 seeds are listed apart, never tied)
    assert '(tie with random initialisation (no training))' in page(0.25)
    assert 'tie' not in page(0.35)
    assert '35.00 ± 1.00 (n=3)' in page(0.35)


def test_driver_pretrains_once_per_seed(tmp_path):
    res = subprocess.run([
        sys.executable, 'tools/benchmarks/run_benchmark.py', C2F,
        '--pretrain-seeds', '0', '1', '--dry-run', '--record-root',
        str(tmp_path)
    ],
                         cwd=ROOT,
                         capture_output=True,
                         text=True)
    assert res.returncode == 0, res.stderr
    lines = [ln for ln in res.stdout.splitlines() if ln.startswith('+ ')]
    name = br.config_name(C2F)
    train = [ln for ln in lines if 'dist_train.sh ' + C2F in ln]
    assert len(train) == 2 and '--seed 1' in train[1]
    assert f'{name}_seed1 --seed 1' in train[1]
    # the seed-1 chain's jobs start from the seed-1 checkpoint, on seed 1
    second = lines[lines.index(train[1]):]
    assert all(f'{name}_seed1/epoch_N.pth' in ln for ln in second[2:]
               if 'init_cfg' in ln or 'retrieval' in ln)
    assert any('--seed 1' in ln and 'linear-probe' in ln for ln in second)


def _collected(tmp_path, cfg, metrics):
    """Seed-0 records of every job of ``cfg`` (``metrics(i)`` for job i),
    collected into a results file that passes the check; returns
    ``(jobs, check)``, ``check()`` checking the file against the records."""
    jobs = br.load_jobs(cfg)
    for i, j in enumerate(jobs):
        _seed_record(tmp_path, j, 0, metrics(i))
    root = str(tmp_path)
    data = {
        br.config_name(cfg):
        br.results_entry(cfg, [br.read_record(j, root) for j in jobs])
    }
    path = str(tmp_path / 'benchmark_results.json')

    def check():
        br.check_results(data, path, root)

    check()
    return jobs, check


def test_check_refuses_a_record_not_collected(tmp_path):
    m = {'acc/top1': 0.5, 'retrieval/R@1': 0.3}
    jobs, check = _collected(tmp_path, C2F, lambda i: m)
    ft = next(j for j in jobs if j['task'] == 'fine-tune')
    _seed_record(tmp_path, ft, 1, dict(m, **{'acc/top1': 0.7}))
    with pytest.raises(ValueError, match='not what the records give'):
        check()


def test_check_tells_two_jobs_of_one_task_apart(tmp_path):
    """A pretraining with two fine-tuning recipes on one protocol (the
    issue-17 atomic-flow config): each job is checked against its own
    records."""
    cfg = ('configs/atomic_flow/atomic-flow-bn-jitter-recognizer_convlstm-'
           'tiny_10x2x1-30e_msr-action3d-depth-128x96px.py')
    jobs, check = _collected(
        tmp_path, cfg, lambda i: {
            'acc/top1': 0.5 + 0.1 * i,
            'retrieval/R@1': 0.3
        })
    fts = [j for j in jobs if j['task'] == 'fine-tune']
    assert len(fts) == 2
    _seed_record(tmp_path, fts[1], 1, {'acc/top1': 0.9, 'retrieval/R@1': 0})
    with pytest.raises(ValueError, match='not what the records give'):
        check()


def test_runs_named_apart_from_their_config_train_apart():
    cfg = 'configs/benchmarks/linear_probe/lp.py'
    assert record_run.work_dir(cfg, 'lp') == 'work_dirs/lp'
    assert record_run.work_dir(cfg, 'pre', 2) == 'work_dirs/lp/pre_seed2'


def test_results_page_moves_superseded_rows_below(tmp_path):
    import results_page
    m = tmp_path / 'configs' / 'dynamonet'
    m.mkdir(parents=True)
    job = {
        'task': 'linear-probe',
        'protocol': 'msr-xsub',
        'fold': None,
        'log_dir': 'configs/dynamonet/logs/lp',
        'metrics': {
            'acc/top1': 0.3
        }
    }
    (m / 'benchmark_results.json').write_text(
        json.dumps({
            n: {
                'pretraining_config': f'configs/dynamonet/{n}.py',
                'jobs': [job]
            }
            for n in ('old', 'new')
        }))
    extra = 'Superseded:\n  old: "new (sub-pixel)"\n'
    (m / 'metafile_extra.yml').write_text(extra)
    lines = results_page.render(str(tmp_path)).splitlines()
    cut = next(i for i, ln in enumerate(lines)
               if ln.startswith('Superseded on this protocol (1 row)'))
    new = [i for i, ln in enumerate(lines) if '[new]' in ln]
    old = [i for i, ln in enumerate(lines) if '[old]' in ln]
    assert new and all(i < cut for i in new)
    assert len(old) == 1 and old[0] > cut
    assert lines[old[0]].endswith('| new (sub-pixel) |')
