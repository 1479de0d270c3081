# As retrieval_convlstm-tiny_16x1x1_ud810-fold1-rgb-64px.py, on
# leave-one-person-out fold 2.
_base_ = ['./retrieval_convlstm-tiny_16x1x1_ud810-fold1-rgb-64px.py']
test_dataloader = dict(
    dataset=dict(datasets=[
        dict(d, ann_file=d['ann_file'].replace('fold1', 'fold2'))
        for d in _base_.test_dataloader.dataset.datasets
    ]))
