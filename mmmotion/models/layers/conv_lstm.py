"""Convolutional LSTM: a cell and a multi-layer stack over time.

ConvLSTM (Shi et al., NeurIPS 2015, https://arxiv.org/abs/1506.04214) is an
LSTM whose input-to-state and state-to-state maps are convolutions, so its
hidden and cell states are feature maps ``(N, C_h, H, W)``::

    [i, f, o, g] = conv([x_t, h_{t-1}])          one conv, 4 * C_h channels
    c_t = sigmoid(f) * c_{t-1} + sigmoid(i) * tanh(g)
    h_t = sigmoid(o) * tanh(c_t)

It is the shared recurrent layer of Luo et al. (CVPR 2017, "Unsupervised
Learning of Long-Term Motion Dynamics for Videos",
https://arxiv.org/abs/1701.01821): their encoder ConvLSTM reads the features
of a frame pair and their decoder ConvLSTM, started from the encoder's state,
is unrolled for N steps (:meth:`ConvLSTM.step`) to emit the atomic 3D flows.
It lives here so that other methods can use it too.

Paper (Shi et al.): the gate equations above, 'same' padding so the state
keeps the input's spatial size. Shi et al. also have peephole terms
(``W_c * c`` inside the i, f and o gates); we leave them out, as most ConvLSTM
implementations do.

Ours: the forget-gate bias starts at 1 (Jozefowicz et al., 2015), so the cell
keeps its memory early in training; an optional GroupNorm on the gate
pre-activations (``norm='group'``, one group per gate); the kernel sizes,
widths and number of layers, which Luo et al. leave to us, are arguments.
"""
from typing import List, Optional, Sequence, Tuple, Union

import torch
import torch.nn as nn

from mmmotion.registry import MODELS

State = Tuple[torch.Tensor, torch.Tensor]


def _check_kernel_size(kernel_size: int) -> None:
    if not isinstance(kernel_size, int) or kernel_size < 1 \
            or kernel_size % 2 == 0:
        raise ValueError('ConvLSTM kernel_size must be a positive odd int '
                         "('same' padding keeps the state's size), got "
                         f'{kernel_size!r}')


@MODELS.register_module()
class ConvLSTMCell(nn.Module):
    """One ConvLSTM step: ``(x_t, (h_{t-1}, c_{t-1})) -> (h_t, c_t)``.

    One convolution over ``cat([x_t, h_{t-1}])`` gives the four gates
    (i, f, o, g, in that order along the channels). The state starts at zeros
    (:meth:`init_state`) when none is given.

    Args:
        input_channels (int): Channels ``C_in`` of ``x_t``.
        hidden_channels (int): Channels ``C_h`` of ``h`` and ``c``.
        kernel_size (int): Odd size of the gate convolution ('same'
            padding). Defaults to 3.
        bias (bool): Whether the gate convolution has a bias. With
            ``norm=None`` and ``bias=False`` there is no bias, so the forget
            gate is not initialised to 1. Defaults to True.
        norm (str, optional): ``None`` or ``'group'``: a GroupNorm with 4
            groups (one per gate) on the gate pre-activations, ours. Its
            affine bias then carries the forget-gate bias of 1 (the
            convolution's bias is normalised away). Defaults to None.
    """

    def __init__(self,
                 input_channels: int,
                 hidden_channels: int,
                 kernel_size: int = 3,
                 bias: bool = True,
                 norm: Optional[str] = None) -> None:
        super().__init__()
        _check_kernel_size(kernel_size)
        if input_channels < 1 or hidden_channels < 1:
            raise ValueError('ConvLSTMCell needs positive channel counts, got '
                             f'input_channels={input_channels}, '
                             f'hidden_channels={hidden_channels}')
        if norm not in (None, 'group'):
            raise ValueError(f"norm must be None or 'group', got {norm!r}")
        self.input_channels = input_channels
        self.hidden_channels = hidden_channels
        self.kernel_size = kernel_size
        self.conv = nn.Conv2d(
            input_channels + hidden_channels,
            4 * hidden_channels,
            kernel_size,
            padding=kernel_size // 2,
            bias=bias)
        self.norm = (
            nn.GroupNorm(4, 4 * hidden_channels) if norm == 'group' else None)
        self.reset_forget_bias()

    def reset_forget_bias(self, value: float = 1.0) -> None:
        """Set the forget gate's bias to ``value`` (ours: 1 by default).

        Args:
            value (float): The forget gate's bias. Defaults to 1.0.
        """
        bias = self.norm.bias if self.norm is not None else self.conv.bias
        if bias is None:
            return
        c = self.hidden_channels
        with torch.no_grad():
            bias[c:2 * c].fill_(value)

    def init_state(self, x: torch.Tensor) -> State:
        """Zero ``(h, c)``, each ``(N, C_h, H, W)``, on ``x``'s device/dtype.

        Args:
            x (torch.Tensor): ``(N, C_in, H, W)`` (only its batch and spatial
                size are used).

        Returns:
            tuple[torch.Tensor]: Zero ``(h, c)``, each ``(N, C_h, H, W)``.
        """
        n, _, h, w = x.shape
        zeros = x.new_zeros(n, self.hidden_channels, h, w)
        return zeros, zeros.clone()

    def forward(self, x: torch.Tensor, state: Optional[State] = None) -> State:
        """One step.

        Args:
            x (torch.Tensor): ``(N, C_in, H, W)`` input at this step.
            state (tuple[torch.Tensor], optional): ``(h, c)``, each
                ``(N, C_h, H, W)``. Defaults to None (zeros).

        Returns:
            tuple[torch.Tensor]: ``(h, c)``, the new hidden and cell states,
            each ``(N, C_h, H, W)``.
        """
        if x.dim() != 4 or x.shape[1] != self.input_channels:
            raise ValueError(
                f'ConvLSTMCell expects x of shape (N, {self.input_channels}, '
                f'H, W), got {tuple(x.shape)}')
        if state is None:
            h, c = self.init_state(x)
        else:
            if len(state) != 2:
                raise ValueError('ConvLSTMCell state must be a pair (h, c), '
                                 f'got {len(state)} tensors')
            h, c = state
            expected = (x.shape[0], self.hidden_channels, *x.shape[2:])
            if tuple(h.shape) != expected or tuple(c.shape) != expected:
                raise ValueError(
                    f'ConvLSTMCell state h {tuple(h.shape)} / c '
                    f'{tuple(c.shape)} does not match x {tuple(x.shape)}: '
                    f'expected (N, C_h, H, W) = {expected}')
        gates = self.conv(torch.cat([x, h], dim=1))
        if self.norm is not None:
            gates = self.norm(gates)
        i, f, o, g = gates.chunk(4, dim=1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h = torch.sigmoid(o) * torch.tanh(c)
        return h, c

    def extra_repr(self) -> str:
        return (f'{self.input_channels}, {self.hidden_channels}, '
                f'kernel_size={self.kernel_size}')


@MODELS.register_module()
class ConvLSTM(nn.Module):
    """A stack of :class:`ConvLSTMCell` run over a sequence of feature maps.

    Layer ``l`` reads the hidden states of layer ``l - 1`` (layer 0 reads the
    input)::

        x_1 ... x_T -> layer 0 -> h^0_1 ... h^0_T -> layer 1 -> ... -> outputs

    :meth:`forward` runs a whole sequence; :meth:`step` runs one time step
    through all layers, for a decoder that feeds itself its own inputs (Luo et
    al.'s decoder, unrolled for N steps from the encoder's final state).

    Args:
        input_channels (int): Channels of the input maps.
        hidden_channels (int or Sequence[int]): Hidden channels, one value
            for all layers or one per layer.
        num_layers (int, optional): Number of layers. A list
            ``hidden_channels`` of another length is an error.
            Defaults to None (the length of ``hidden_channels`` if it is a
            list, else 1).
        kernel_size (int or Sequence[int]): Odd kernel size, one for all
            layers or one per layer. Defaults to 3.
        batch_first (bool): ``True``: sequences are ``(N, T, C, H, W)``;
            ``False``: ``(T, N, C, H, W)`` (inputs and outputs alike).
            Defaults to True.
        bias (bool): Passed to every cell. Defaults to True.
        norm (str, optional): Passed to every cell (``None`` or
            ``'group'``). Defaults to None.
    """

    def __init__(self,
                 input_channels: int,
                 hidden_channels: Union[int, Sequence[int]],
                 num_layers: Optional[int] = None,
                 kernel_size: Union[int, Sequence[int]] = 3,
                 batch_first: bool = True,
                 bias: bool = True,
                 norm: Optional[str] = None) -> None:
        super().__init__()
        if num_layers is None:
            num_layers = (
                len(hidden_channels)
                if isinstance(hidden_channels, Sequence) else 1)
        if num_layers < 1:
            raise ValueError(f'num_layers must be >= 1, got {num_layers}')
        hidden = self._per_layer(hidden_channels, num_layers,
                                 'hidden_channels')
        kernels = self._per_layer(kernel_size, num_layers, 'kernel_size')
        self.input_channels = input_channels
        self.hidden_channels: List[int] = hidden
        self.kernel_size: List[int] = kernels
        self.num_layers = num_layers
        self.batch_first = batch_first
        in_channels = [input_channels] + hidden[:-1]
        self.cells = nn.ModuleList(
            ConvLSTMCell(cin, ch, k, bias=bias, norm=norm)
            for cin, ch, k in zip(in_channels, hidden, kernels))

    @staticmethod
    def _per_layer(value, num_layers: int, name: str) -> List[int]:
        if isinstance(value, Sequence):
            value = list(value)
            if len(value) != num_layers:
                raise ValueError(f'{name} has {len(value)} values for '
                                 f'{num_layers} layers: {value}')
            return value
        return [value] * num_layers

    @property
    def out_channels(self) -> int:
        """Channels of the last layer's hidden state."""
        return self.hidden_channels[-1]

    def init_state(self, x_t: torch.Tensor) -> List[State]:
        """Zero states for every layer, sized for one step's input.

        Args:
            x_t (torch.Tensor): ``(N, C_in, H, W)``.

        Returns:
            list[tuple[torch.Tensor]]: ``(h, c)`` per layer, each
            ``(N, C_h^l, H, W)``.
        """
        n, _, h, w = x_t.shape
        return [(x_t.new_zeros(n, ch, h, w), x_t.new_zeros(n, ch, h, w))
                for ch in self.hidden_channels]

    def _check_state(self, state: Optional[Sequence[State]]
                     ) -> List[Optional[State]]:
        if state is None:
            return [None] * self.num_layers
        if len(state) != self.num_layers:
            raise ValueError(f'the state has {len(state)} layers, the '
                             f'ConvLSTM has {self.num_layers}')
        return list(state)

    def step(
        self,
        x_t: torch.Tensor,
        state: Optional[Sequence[State]] = None
    ) -> Tuple[torch.Tensor, List[State]]:
        """One time step through all layers.

        Args:
            x_t (torch.Tensor): ``(N, C_in, H, W)`` input at this step.
            state (Sequence[tuple[torch.Tensor]], optional): ``(h, c)`` per
                layer. Defaults to None (zeros).

        Returns:
            tuple: ``h`` of the last layer ``(N, C_h_last, H, W)`` and the
            new list of ``(h, c)`` per layer.
        """
        state = self._check_state(state)
        new_state = []
        inp = x_t
        for cell, hc in zip(self.cells, state):
            hc = cell(inp, hc)
            new_state.append(hc)
            inp = hc[0]
        return inp, new_state

    def forward(
        self,
        x: torch.Tensor,
        state: Optional[Sequence[State]] = None
    ) -> Tuple[torch.Tensor, List[State]]:
        """Run a whole sequence, layer by layer.

        Args:
            x (torch.Tensor): ``(N, T, C_in, H, W)`` (``(T, N, C_in, H, W)``
                if not ``batch_first``).
            state (Sequence[tuple[torch.Tensor]], optional): Initial
                ``(h, c)`` per layer, each ``(N, C_h^l, H, W)``.
                Defaults to None (zeros).

        Returns:
            tuple: the last layer's hidden states at every step,
            ``(N, T, C_h_last, H, W)`` (or ``(T, N, ...)``), and the list of
            final ``(h, c)`` per layer.
        """
        if x.dim() != 5:
            layout = '(N, T, C, H, W)' if self.batch_first \
                else '(T, N, C, H, W)'
            raise ValueError(f'ConvLSTM expects a sequence {layout}, got '
                             f'shape {tuple(x.shape)}')
        if not self.batch_first:
            x = x.transpose(0, 1)
        if x.shape[1] == 0:
            raise ValueError('ConvLSTM got an empty sequence (T = 0)')
        state = self._check_state(state)
        layer_input = x
        final = []
        for cell, hc in zip(self.cells, state):
            outputs = []
            for t in range(layer_input.shape[1]):
                hc = cell(layer_input[:, t], hc)
                outputs.append(hc[0])
            layer_input = torch.stack(outputs, dim=1)
            final.append(hc)
        if not self.batch_first:
            layer_input = layer_input.transpose(0, 1)
        return layer_input, final

    def extra_repr(self) -> str:
        return f'batch_first={self.batch_first}'
