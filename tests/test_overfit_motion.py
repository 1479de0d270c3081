"""tools/analysis/overfit_motion.py: train a motion model on a few fixed
clips and report whether it leaves zero motion."""
import importlib.util
import json
import os.path as osp
import sys

from conftest import ROOT
from test_loss_at_motion import _config


def _tool():
    sys.path.insert(0, osp.join(ROOT, 'tools', 'analysis'))
    path = osp.join(ROOT, 'tools', 'analysis', 'overfit_motion.py')
    spec = importlib.util.spec_from_file_location('overfit_motion', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_tool_on_a_tiny_msr_config(msr_mini, tmp_path, capsys):
    tool = _tool()
    out = tmp_path / 'overfit.md'
    r = tool.main([
        _config(tmp_path, msr_mini), '--split', 'val', '--num-clips', '2',
        '--steps', '4', '--log-interval', '2', '--batch-size', '2', '--out',
        str(out)
    ])
    printed = capsys.readouterr().out
    ref = r['reference']
    # DIS's loss on these real depth clips is below zero motion's
    assert ref['loss_dis'] < ref['loss_zero']
    assert ref['magnitude_dis'] > 0
    assert [row['step'] for row in r['rows']] == [2, 4]
    # four Adam steps move the zero-initialised output off zero motion
    assert r['rows'][-1]['magnitude_model'] > 0
    assert 'closes' in printed and 'zero motion' in out.read_text()
    saved = json.loads((tmp_path / 'overfit.json').read_text())
    assert saved['rows'] == r['rows']
    # the capacity check: its L1 regression to DIS falls as it trains
    r = tool.main([
        _config(tmp_path, msr_mini), '--split', 'val', '--num-clips', '2',
        '--steps', '30', '--log-interval', '10', '--batch-size', '2',
        '--target', 'dis', '--lr', '1e-3'
    ])
    assert r['rows'][-1]['train_loss'] < 0.8 * r['rows'][0]['train_loss']
    assert all('epe_to_dis' in row for row in r['rows'])
