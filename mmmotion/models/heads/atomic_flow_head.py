"""Luo et al.'s decoder: a ConvLSTM unrolled for N steps, deconv layers, and
per-patch logits over a motion codebook."""
from typing import Dict, List, Optional

import torch
import torch.nn as nn
from mmaction.utils import ConfigType, OptMultiConfig
from mmcv.cnn import ConvModule
from mmengine.model import BaseModule

from mmmotion.registry import MODELS
from mmmotion.utils.scope import mmmotion_scope
from ..layers.conv_lstm import ConvLSTM, State
from ..layers.motion_codebook import LearnableCodebook


@MODELS.register_module()
class AtomicFlowHead(BaseModule):
    """Predict N steps of atomic flows from the encoder's final state.

    Paper (Luo et al., CVPR 2017): a decoder ConvLSTM and deconv layers emit,
    for each of the next N steps (3 or 8), a distribution over K codewords
    for every non-overlapping patch; trained with the rebalanced
    cross-entropy.

    Ours: the decoder ConvLSTM has the encoder's layers and widths and starts
    from its final state; its input at step 1 is the encoder's last hidden
    map, then its own previous output. ``num_deconvs`` stride-2 deconvs
    (4x4, BN, ReLU) bring the feature grid to the patch grid, and a 1x1 conv
    gives the K logits. Targets are the nearest codewords of the patch flows;
    with a ``LearnableCodebook`` the loss adds ``recon_weight`` times its
    reconstruction loss. The loss's codeword frequencies, when the loss
    config has none, come from the codebook file (k-means) or are estimated
    online.

    Args:
        in_channels (int): Channels of the encoder's hidden maps.
        num_steps (int): N, the number of predicted steps.
        codebook (dict or ConfigDict): A ``UniformCodebook``,
            ``KMeansCodebook`` or ``LearnableCodebook`` config.
        num_codewords (int, optional): K, checked against the codebook.
            Defaults to None (not checked).
        lstm_channels (int or Sequence[int]): The decoder ConvLSTM's hidden
            channels (must match the encoder's state). Defaults to 64.
        lstm_kernel (int): Kernel size of the decoder ConvLSTM.
            Defaults to 3.
        num_deconvs (int): Stride-2 deconvs from the feature grid to the
            patch grid (feature stride / patch size = 2 ** num_deconvs).
            Defaults to 0.
        deconv_channels (int): Width of the deconvs. Defaults to 64.
        norm_cfg (dict or ConfigDict): Config of the deconvs' norm layers.
            Defaults to ``dict(type='BN')``.
        loss (dict or ConfigDict): A ``RebalancedCrossEntropyLoss`` config
            (its ``num_codewords`` is filled in).
            Defaults to ``dict(type='RebalancedCrossEntropyLoss')``.
        annealed_temperature (float): Temperature of the annealed-mean
            decoding that ``predict`` also returns (ours, after Zhang et
            al.'s colourisation, ECCV 2016, whose 0.38 is the default):
            the expectation under ``softmax(logits / T)``, between the
            mean (T = 1) and the mode (T -> 0).
        recon_weight (float): Weight of a learnable codebook's loss.
            Defaults to 1.0.

    ``predict`` also returns ``pred_flow_adjusted`` (ours, issue 17): the
    expected flow under the logit-adjusted distribution
    ``softmax(logits - log w)``, ``w`` the rebalancing weights of the loss.
    A classifier trained with a cross-entropy weighted by ``w_k`` estimates
    probabilities proportional to ``w_k p(k | x)``; subtracting ``log w``
    undoes the reweighting (Menon et al., "Long-tail learning via logit
    adjustment", ICLR 2021, the post-hoc correction), so its mean is the
    least-squares flow of the calibrated posterior: rebalancing chooses
    rarer codewords for the argmax, the adjusted mean keeps the flow from
    paying for it. With an unweighted loss it equals ``pred_flow``.
        init_cfg (dict or ConfigDict, optional): Initialization config.
            Defaults to None.
    """

    def __init__(self,
                 in_channels: int,
                 num_steps: int,
                 codebook: ConfigType,
                 num_codewords: Optional[int] = None,
                 lstm_channels=64,
                 lstm_kernel: int = 3,
                 num_deconvs: int = 0,
                 deconv_channels: int = 64,
                 norm_cfg: ConfigType = dict(type='BN'),
                 loss: ConfigType = dict(type='RebalancedCrossEntropyLoss'),
                 recon_weight: float = 1.0,
                 annealed_temperature: float = 0.38,
                 init_cfg: OptMultiConfig = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if num_steps < 1:
            raise ValueError(f'num_steps must be >= 1, got {num_steps}')
        with mmmotion_scope():
            self.codebook = MODELS.build(codebook)
        k = self.codebook.num_codewords
        if num_codewords is not None and num_codewords != k:
            src = getattr(self.codebook, 'file', None) or getattr(
                self.codebook, 'init_file', None) or codebook.get('type')
            raise ValueError(
                f'the head has num_codewords={num_codewords} but the codebook '
                f'({src}) holds {k} codewords')
        self.num_steps = num_steps
        self.num_codewords = k
        self.lstm = ConvLSTM(
            in_channels, lstm_channels, kernel_size=lstm_kernel)
        layers: List[nn.Module] = []
        c = self.lstm.out_channels
        for _ in range(num_deconvs):
            layers.append(
                ConvModule(
                    c,
                    deconv_channels,
                    4,
                    stride=2,
                    padding=1,
                    conv_cfg=dict(type='deconv'),
                    norm_cfg=norm_cfg))
            c = deconv_channels
        self.deconvs = nn.Sequential(*layers)
        self.cls = nn.Conv2d(c, k, 1)
        loss = dict(loss)
        loss.setdefault('num_codewords', k)
        if loss.get('rebalance', True) and loss.get('class_freq') is None \
                and not loss.get('estimate_online'):
            if self.codebook.freqs is not None:
                loss['class_freq'] = self.codebook.freqs.numpy()
            else:
                loss['estimate_online'] = True
        with mmmotion_scope():
            self.loss_cls = MODELS.build(loss)
        self.recon_weight = recon_weight
        if not annealed_temperature > 0:
            raise ValueError('annealed_temperature must be positive, got '
                             f'{annealed_temperature}')
        self.annealed_temperature = float(annealed_temperature)

    def forward(self, h: torch.Tensor, state: List[State]) -> torch.Tensor:
        """Unroll the decoder from the encoder's output.

        Args:
            h (torch.Tensor): ``(N, C_h, h, w)`` last hidden map of the
                encoder.
            state (list[tuple[torch.Tensor]]): The encoder's final ``(h, c)``
                per layer.

        Returns:
            torch.Tensor: Logits ``(N, K, S, Hp, Wp)``.
        """
        if len(state) != self.lstm.num_layers or any(
                s[0].shape[1] != c
                for s, c in zip(state, self.lstm.hidden_channels)):
            raise ValueError(
                'the decoder ConvLSTM has hidden channels '
                f'{self.lstm.hidden_channels}; the encoder state has '
                f'{[s[0].shape[1] for s in state]}: use the same lstm '
                'channels in encoder and head')
        x, outs = h, []
        for _ in range(self.num_steps):
            x, state = self.lstm.step(x, state)
            outs.append(x)
        y = torch.stack(outs, 1)  # (N, S, C, h, w)
        n, s = y.shape[:2]
        y = self.cls(self.deconvs(y.flatten(0, 1)))
        return y.view(n, s, *y.shape[1:]).transpose(1, 2)

    def _check_targets(self, logits: torch.Tensor,
                       targets: torch.Tensor) -> None:
        n, _, s, hp, wp = logits.shape
        want = (n, s, hp, wp, self.codebook.dim)
        if tuple(targets.shape) != want:
            raise ValueError(
                f'flow targets {tuple(targets.shape)} do not match the head: '
                f'expected (N, steps, Hp, Wp, D) = {want}. Check num_steps '
                'against the targets\' steps, the patch size against the '
                'encoder stride and num_deconvs, and the codebook\'s '
                'dimension against the targets (2D or 3D)')

    def loss(self, logits: torch.Tensor,
             targets: torch.Tensor) -> Dict[str, torch.Tensor]:
        """Rebalanced cross-entropy against the nearest codewords.

        Args:
            logits (torch.Tensor): ``(N, K, S, Hp, Wp)``, this head's output.
            targets (torch.Tensor): ``(N, S, Hp, Wp, D)`` patch flows.

        Returns:
            dict: ``loss_flow``, ``codeword_acc`` and, with a
            ``LearnableCodebook``, ``loss_codebook``.
        """
        self._check_targets(logits, targets)
        codes = self.codebook.quantize(targets)  # (N, S, Hp, Wp)
        losses = dict(loss_flow=self.loss_cls(logits, codes))
        with torch.no_grad():
            losses['codeword_acc'] = (logits.argmax(1) == codes).float().mean()
        if isinstance(self.codebook, LearnableCodebook):
            probs = logits.softmax(1)
            losses['loss_codebook'] = self.recon_weight * \
                self.codebook.reconstruction_loss(
                    probs, targets.permute(0, 4, 1, 2, 3))
        return losses

    @torch.no_grad()
    def predict(self,
                logits: torch.Tensor,
                targets: Optional[torch.Tensor] = None) -> Dict:
        """Expected flow ``(N, S, Hp, Wp, D)`` and argmax codewords; with
        targets, also their codewords.

        Args:
            logits (torch.Tensor): ``(N, K, S, Hp, Wp)``, this head's output.
            targets (torch.Tensor, optional): ``(N, S, Hp, Wp, D)`` patch
                flows. Defaults to None.

        Returns:
            dict: ``pred_flow`` ``(N, S, Hp, Wp, D)``, its annealed mean
            ``pred_flow_annealed``, the logit-adjusted mean
            ``pred_flow_adjusted``, ``pred_codes`` ``(N, S, Hp, Wp)`` and,
            with targets, ``target_codes`` ``(N, S, Hp, Wp)``.
        """
        probs = logits.softmax(1)
        annealed = (logits / self.annealed_temperature).softmax(1)
        log_w = self.loss_cls.weights.to(logits).log().view(1, -1, 1, 1, 1)
        adjusted = (logits - log_w).softmax(1)
        out = dict(
            pred_flow=self.codebook.expected(probs).permute(0, 2, 3, 4, 1),
            pred_flow_annealed=self.codebook.expected(annealed).permute(
                0, 2, 3, 4, 1),
            pred_flow_adjusted=self.codebook.expected(adjusted).permute(
                0, 2, 3, 4, 1),
            pred_codes=probs.argmax(1))
        if targets is not None:
            self._check_targets(logits, targets)
            out['target_codes'] = self.codebook.quantize(targets)
        return out
