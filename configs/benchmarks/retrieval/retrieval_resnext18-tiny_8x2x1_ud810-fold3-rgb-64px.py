# As retrieval_resnext18-tiny_8x2x1_ud810-fold1-rgb-64px.py, on
# leave-one-person-out fold 3.
_base_ = ['./retrieval_resnext18-tiny_8x2x1_ud810-fold1-rgb-64px.py']
test_dataloader = dict(
    dataset=dict(datasets=[
        dict(d, ann_file=d['ann_file'].replace('fold1', 'fold3'))
        for d in _base_.test_dataloader.dataset.datasets
    ]))
