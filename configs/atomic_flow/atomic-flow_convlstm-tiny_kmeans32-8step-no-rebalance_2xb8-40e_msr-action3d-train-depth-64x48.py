# Ablation: plain cross-entropy (no rebalancing weights).
_base_ = ['./atomic-flow_convlstm-tiny_kmeans32-8step_2xb8-40e_msr-action3d-train-depth-64x48.py']
model = dict(head=dict(loss=dict(rebalance=False)))
