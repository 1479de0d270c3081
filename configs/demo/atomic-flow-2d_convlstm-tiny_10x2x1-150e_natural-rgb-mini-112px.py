# The shipped atomic-flow checkpoint's check and the demo's config
# (checkpoints/checkpoints.yml): the natural-RGB 2D atomic-flow pretraining
# (configs/atomic_flow/atomic-flow-2d_convlstm-tiny_10x2x1-150e_natural-
# rgb-112px.py) with its k-means codebook shipped beside the weights
# (checkpoints/codebook_kmeans32_2d_natural-rgb_10x2x1_112px.npz, fitted by
# tools/data/fit_codebook.py as that config says; the full config reads it
# from data/natural_rgb/), tested on the 3 held-out clips shipped in
# tests/data/natural_rgb (walking people, a cricket shot, a cartoon; all on
# the full set's held-out list): codeword accuracy and the EPE of the
# decoded flow beside zero motion, the most frequent codeword and the
# quantisation floor (AtomicFlowMetric).
_base_ = [('../atomic_flow/atomic-flow-2d_convlstm-tiny_10x2x1-150e_'
           'natural-rgb-112px.py'), '../_base_/datasets/natural_rgb_mini.py']
codebook_file = 'checkpoints/codebook_kmeans32_2d_natural-rgb_10x2x1_112px.npz'
model = dict(head=dict(codebook=dict(file=codebook_file)))
test_dataloader = dict(dataset=_base_.nat_mini_heldout)
downstream = []
