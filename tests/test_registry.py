"""Registries both ways: mmmotion scope sees MMAction2, MMAction2 sees
mmmotion."""
import os.path as osp
import sys

from conftest import TINY_CONFIG, data_options, run_tool
from mmengine.config import Config

import mmmotion  # noqa: F401


def test_mmmotion_scope_finds_mmaction_and_own_types():
    from mmmotion import registry as r
    assert r.MODELS.get('Recognizer3D').__module__.startswith('mmaction')
    assert r.MODELS.get('ResNet3d') is not None
    assert r.DATASETS.get('VideoDataset') is not None
    assert r.TRANSFORMS.get('SampleFrames') is not None
    assert r.METRICS.get('AccMetric') is not None
    assert r.VISUALIZERS.get('ActionVisualizer') is not None
    assert r.DATASETS.get('MotionVideoDataset').__module__.startswith(
        'mmmotion')
    assert r.TRANSFORMS.get('DepthInit').__module__.startswith('mmmotion')
    assert r.HOOKS.get('RNGStateHook') is not None
    assert r.MODELS.scope == 'mmmotion'
    assert r.MODELS.parent.scope == 'mmaction'


def test_mmaction_registry_builds_mmmotion_types(msr_mini):
    """In MMAction2's scope, ``mmmotion.X`` builds, and nested bare names
    (``DepthInit``) resolve in mmmotion's scope."""
    from mmaction.registry import DATASETS
    from mmengine.registry import DefaultScope
    with DefaultScope.overwrite_default_scope('mmaction'):
        ds = DATASETS.build(
            dict(
                type='mmmotion.MotionVideoDataset',
                ann_file=f'{msr_mini}/msr_action3d_val_list.txt',
                data_prefix=dict(video=msr_mini),
                pipeline=[
                    dict(type='DepthInit'),
                    dict(type='UniformSample', clip_len=4, num_clips=1),
                    dict(type='DepthDecode'),
                    dict(type='DepthNormalize'),
                    dict(type='FormatShape', input_format='NCTHW'),
                    dict(type='PackActionInputs')
                ]))
    item = ds[0]
    assert tuple(item['inputs'].shape) == (1, 1, 4, 240, 320)


def test_config_with_mmmotion_scope_inherits_mmaction_base(tmp_path):
    cfg_file = tmp_path / 'cfg.py'
    cfg_file.write_text("_base_ = ['mmaction::_base_/models/tsn_r50.py',\n"
                        "          'mmaction::_base_/default_runtime.py']\n"
                        "default_scope = 'mmmotion'\n")
    cfg = Config.fromfile(str(cfg_file))
    assert cfg.model.type == 'Recognizer2D'
    assert cfg.default_scope == 'mmmotion'
    from mmengine.registry import DefaultScope

    from mmmotion.registry import MODELS
    with DefaultScope.overwrite_default_scope('mmmotion'):
        model = MODELS.build(cfg.model)
    assert type(model).__name__ == 'Recognizer2D'


def test_mmaction_own_train_tool_runs_mmmotion_types(msr_mini, tmp_path):
    """MMAction2's tools/train.py (shipped in the installed package) trains a
    config in MMAction2's scope that imports mmmotion's types."""
    import mmaction
    tool = osp.join(
        osp.dirname(mmaction.__file__), '.mim', 'tools', 'train.py')
    assert osp.isfile(tool)
    cfg_file = tmp_path / 'mmaction_scope.py'
    cfg_file.write_text(f"_base_ = ['{TINY_CONFIG}']\n"
                        "default_scope = 'mmaction'\n"
                        "custom_imports = dict(imports=['mmmotion'], "
                        "allow_failed_imports=False)\n"
                        "train_dataloader = dict(dataset=dict("
                        "type='mmmotion.MotionVideoDataset'))\n"
                        "val_dataloader = dict(dataset=dict("
                        "type='mmmotion.MotionVideoDataset'))\n"
                        "test_dataloader = val_dataloader\n"
                        "custom_hooks = [dict(type='mmmotion.RNGStateHook')]\n"
                        "train_cfg = dict(max_epochs=1)\n")
    work = tmp_path / 'work'
    proc = run_tool([
        sys.executable, tool,
        str(cfg_file), '--work-dir',
        str(work), '--cfg-options', *data_options(msr_mini)
    ])
    assert osp.isfile(work / 'epoch_1.pth'), proc.stdout[-2000:]
