"""RetrievalMetric, FeatureExtractor and RetrievalSplit."""
import pytest
import torch
from mmaction.structures import ActionDataSample
from mmengine.registry import DefaultScope

import mmmotion  # noqa: F401
from mmmotion.datasets.transforms import RetrievalSplit
from mmmotion.evaluation.metrics import RetrievalMetric
from mmmotion.registry import MODELS


def _samples(feats, labels, split):
    return [
        dict(feature=f, gt_label=torch.tensor([l]), retrieval_split=split)
        for f, l in zip(feats, labels)
    ]


def test_metric_on_known_neighbours():
    torch.manual_seed(0)
    centres = torch.randn(4, 16) * 5
    glab = torch.arange(4).repeat(3)
    gallery = centres[glab] + 0.1 * torch.randn(12, 16)
    qlab = torch.tensor([0, 1, 2, 3, 0])
    query = centres[qlab] + 0.1 * torch.randn(5, 16)
    query[4] = centres[3]  # a query whose nearest clips are of class 3
    m = RetrievalMetric(ks=(1, 5), knn_k=3)
    # mixed order, as a distributed test loop may deliver them
    m.process(None, _samples(query[:2], qlab[:2], 'query'))
    m.process(None, _samples(gallery, glab, 'gallery'))
    m.process(None, _samples(query[2:], qlab[2:], 'query'))
    out = m.compute_metrics(m.results)
    assert out['R@1'] == pytest.approx(4 / 5)
    assert out['R@5'] == pytest.approx(1.0)  # 5 > 3 clips of class 3
    assert out['knn_top1'] == pytest.approx(4 / 5)
    # per class: class 0 is 1/2, the others 1
    assert out['knn_mean_class'] == pytest.approx((0.5 + 3) / 4)


def test_metric_errors():
    m = RetrievalMetric()
    with pytest.raises(KeyError, match='retrieval_split'):
        m.process(None,
                  [dict(feature=torch.zeros(3), gt_label=torch.tensor([0]))])
    m.process(None, _samples(torch.ones(2, 3), [0, 1], 'query'))
    with pytest.raises(ValueError, match='no gallery samples'):
        m.compute_metrics(m.results)
    with pytest.raises(ValueError, match="'query' or 'gallery'"):
        RetrievalSplit('test')
    assert RetrievalSplit('gallery')({})['retrieval_split'] == 'gallery'


def _extractor(backbone, **kw):
    with DefaultScope.overwrite_default_scope('mmmotion'):
        return MODELS.build(
            dict(type='FeatureExtractor', backbone=backbone, **kw)).eval()


def test_feature_extractor_pools_clips():
    model = _extractor(
        dict(
            type='ResNeXt3D',
            depth=18,
            in_channels=1,
            stem_channels=8,
            base_width=8,
            cardinality=4,
            conv1_kernel=(1, 3, 3),
            pool1_stride=(1, 2, 2),
            stage_strides=((1, 1, 1), (1, 2, 2), (1, 2, 2), (1, 2, 2))))
    clips = torch.rand(2, 3, 1, 4, 16, 16)  # 2 videos of 3 clips
    samples = [ActionDataSample(), ActionDataSample()]
    with torch.no_grad():
        out = model(clips, samples, mode='predict')
        one = model.backbone(clips[1].contiguous()).mean((2, 3, 4)).mean(0)
    assert out[0].feature.shape == (128, )
    torch.testing.assert_close(out[1].feature, one)
    with pytest.raises(RuntimeError, match='evaluation only'):
        model(clips, samples, mode='loss')


def test_feature_extractor_on_conv_lstm_encoder():
    model = _extractor(
        dict(
            type='ConvLSTMEncoder',
            modality='depth',
            channels=(8, 8),
            strides=(2, 2),
            lstm_channels=8),
        feature_index=0)
    with torch.no_grad():
        f = model(torch.rand(2, 1, 1, 3, 16, 16), mode='tensor')
    assert f.shape == (2, 8) and torch.isfinite(f).all()


def test_feature_extractor_refuses_another_architecture(tmp_path):
    from mmengine.runner.checkpoint import load_checkpoint
    tiny = dict(
        type='ResNeXt3D',
        depth=18,
        in_channels=1,
        stem_channels=8,
        base_width=8,
        cardinality=4,
        conv1_kernel=(1, 3, 3),
        pool1_stride=(1, 2, 2),
        stage_strides=((1, 1, 1), (1, 2, 2), (1, 2, 2), (1, 2, 2)))
    model = _extractor(tiny)
    # a checkpoint of the same backbone (plus a head) loads
    good = {f'backbone.{k}': v for k, v in model.backbone.state_dict().items()}
    good['cls_head.fc.weight'] = torch.zeros(3, 3)
    torch.save({'state_dict': good}, tmp_path / 'good.pth')
    load_checkpoint(model, str(tmp_path / 'good.pth'), map_location='cpu')
    # no backbone keys at all
    torch.save({'state_dict': {
        'head.w': torch.zeros(1)
    }}, tmp_path / 'none.pth')
    with pytest.raises(
            ValueError, match=r'missing keys: backbone\.bn1\.bias.*in all'):
        load_checkpoint(model, str(tmp_path / 'none.pth'))
    # another architecture: the ConvLSTM encoder's keys
    other = _extractor(
        dict(
            type='ConvLSTMEncoder',
            modality='depth',
            channels=(8, 8),
            strides=(2, 2),
            lstm_channels=8),
        feature_index=0)
    torch.save(
        {
            'state_dict': {
                f'backbone.{k}': v
                for k, v in other.backbone.state_dict().items()
            }
        }, tmp_path / 'other.pth')
    with pytest.raises(ValueError, match=r'unexpected keys: backbone\.'):
        load_checkpoint(model, str(tmp_path / 'other.pth'))
