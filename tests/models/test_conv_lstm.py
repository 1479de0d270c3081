import pytest
import torch
import torch.nn as nn

import mmmotion  # noqa: F401
from mmmotion.models.layers.conv_lstm import ConvLSTM, ConvLSTMCell
from mmmotion.registry import MODELS


@pytest.fixture
def one_thread():
    """Tiny tensors run faster on one thread (and the CI box is busy)."""
    old = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(old)


def test_cell_shapes_and_zero_state():
    cell = ConvLSTMCell(3, 8, kernel_size=5)
    x = torch.randn(2, 3, 6, 7)
    h, c = cell(x)
    assert h.shape == c.shape == (2, 8, 6, 7)
    h0, c0 = cell.init_state(x)
    assert h0.shape == (2, 8, 6, 7) and not h0.any() and not c0.any()
    torch.testing.assert_close(cell(x, (h0, c0))[0], h)
    # hidden state is o * tanh(c): bounded by 1
    assert h.abs().max() < 1


def test_cell_forget_bias_is_one():
    cell = ConvLSTMCell(2, 4)
    b = cell.conv.bias.detach()
    assert torch.all(b[4:8] == 1)
    grouped = ConvLSTMCell(2, 4, norm='group')
    assert torch.all(grouped.norm.bias.detach()[4:8] == 1)
    h, _ = grouped(torch.randn(1, 2, 5, 5))
    assert h.shape == (1, 4, 5, 5)
    # no bias, no norm: nothing to initialise, no error
    assert ConvLSTMCell(2, 4, bias=False).conv.bias is None


def test_cell_errors():
    with pytest.raises(ValueError, match='odd'):
        ConvLSTMCell(3, 4, kernel_size=4)
    with pytest.raises(ValueError, match='odd'):
        ConvLSTM(3, [4, 4], kernel_size=[3, 2])
    with pytest.raises(ValueError, match='norm'):
        ConvLSTMCell(3, 4, norm='batch')
    cell = ConvLSTMCell(3, 4)
    x = torch.randn(2, 3, 6, 6)
    bad = (torch.zeros(2, 4, 5, 6), torch.zeros(2, 4, 5, 6))
    with pytest.raises(ValueError, match=r'\(2, 4, 5, 6\).*\(2, 3, 6, 6\)'):
        cell(x, bad)
    with pytest.raises(ValueError, match='expected'):
        cell(x, (torch.zeros(2, 5, 6, 6), torch.zeros(2, 5, 6, 6)))
    with pytest.raises(ValueError, match=r'\(N, 3, H, W\)'):
        cell(torch.randn(2, 2, 6, 6))


def test_multi_layer_shapes_per_layer_widths():
    lstm = ConvLSTM(3, [4, 6, 5], kernel_size=[3, 5, 1])
    assert lstm.num_layers == 3 and lstm.out_channels == 5
    x = torch.randn(2, 4, 3, 8, 9)
    out, state = lstm(x)
    assert out.shape == (2, 4, 5, 8, 9)
    assert [tuple(h.shape) for h, _ in state] == [(2, 4, 8, 9), (2, 6, 8, 9),
                                                  (2, 5, 8, 9)]
    assert [tuple(c.shape) for _, c in state] == [(2, 4, 8, 9), (2, 6, 8, 9),
                                                  (2, 5, 8, 9)]
    # the last output is the last layer's final hidden state
    torch.testing.assert_close(out[:, -1], state[-1][0])
    # one width for every layer
    out, state = ConvLSTM(3, 7, num_layers=2)(x)
    assert out.shape == (2, 4, 7, 8, 9) and len(state) == 2


def test_single_layer_and_time_major():
    torch.manual_seed(0)
    lstm = ConvLSTM(2, 4)
    x = torch.randn(3, 5, 2, 4, 4)
    out, state = lstm(x)
    assert out.shape == (3, 5, 4, 4, 4) and len(state) == 1
    tm = ConvLSTM(2, 4, batch_first=False)
    tm.load_state_dict(lstm.state_dict())
    out_tm, state_tm = tm(x.transpose(0, 1))
    torch.testing.assert_close(out_tm.transpose(0, 1), out)
    torch.testing.assert_close(state_tm[0][1], state[0][1])


def test_step_t_times_equals_forward_and_state_carries():
    torch.manual_seed(0)
    lstm = ConvLSTM(3, [4, 6])
    x = torch.randn(2, 5, 3, 6, 6)
    out, final = lstm(x)
    state, hs = None, []
    for t in range(5):
        h, state = lstm.step(x[:, t], state)
        hs.append(h)
    torch.testing.assert_close(torch.stack(hs, 1), out)
    for (h1, c1), (h2, c2) in zip(state, final):
        torch.testing.assert_close(h1, h2)
        torch.testing.assert_close(c1, c2)
    # running in two halves, carrying the state, equals one pass
    first, mid = lstm(x[:, :2])
    second, end = lstm(x[:, 2:], mid)
    torch.testing.assert_close(torch.cat([first, second], 1), out)
    torch.testing.assert_close(end[1][1], final[1][1])
    # and the state matters: starting the second half from zeros differs
    assert not torch.allclose(lstm(x[:, 2:])[0], second)
    # zero init_state equals no state
    zeros = lstm.init_state(x[:, 0])
    torch.testing.assert_close(lstm(x, zeros)[0], out)


def test_state_errors():
    lstm = ConvLSTM(3, [4, 6])
    x = torch.randn(2, 3, 3, 6, 6)
    with pytest.raises(
            ValueError, match='the state has 1 layers, the '
            'ConvLSTM has 2'):
        lstm(x, [lstm.init_state(x[:, 0])[0]])
    with pytest.raises(ValueError, match=r'\(N, T, C, H, W\)'):
        lstm(x[:, 0])
    with pytest.raises(ValueError, match='empty'):
        lstm(x[:, :0])
    with pytest.raises(ValueError, match='3 values for 2 layers'):
        ConvLSTM(3, [4, 6, 8], num_layers=2)
    # the second layer's state does not fit
    state = lstm.init_state(x[:, 0])
    state[1] = (torch.zeros(2, 4, 6, 6), torch.zeros(2, 4, 6, 6))
    with pytest.raises(ValueError, match='does not match'):
        lstm.step(x[:, 0], state)


def test_gradients_reach_first_step_and_all_parameters():
    torch.manual_seed(0)
    lstm = ConvLSTM(2, [4, 3], norm='group')
    x = torch.randn(2, 6, 2, 5, 5, requires_grad=True)
    out, _ = lstm(x)
    out[:, -1].pow(2).sum().backward()  # only the last step's output
    assert x.grad[:, 0].abs().sum() > 0
    for name, p in lstm.named_parameters():
        assert p.grad is not None and p.grad.abs().sum() > 0, name


def test_registered():
    assert MODELS.get('ConvLSTM') is ConvLSTM
    assert MODELS.get('ConvLSTMCell') is ConvLSTMCell
    lstm = MODELS.build(
        dict(type='ConvLSTM', input_channels=2, hidden_channels=[3, 4]))
    assert isinstance(lstm, ConvLSTM) and lstm.out_channels == 4


def test_learns_to_recall_previous_input(one_thread):
    """Output at step t the input of step t - 1: needs the recurrent state.

    Without memory the best constant guess leaves the input's variance (1);
    a ConvLSTM + 1x1 conv gets well below it in 50 Adam steps.
    """
    torch.manual_seed(0)
    n, t = 8, 5
    lstm = ConvLSTM(1, 8)
    head = nn.Conv2d(8, 1, 1)
    opt = torch.optim.Adam([*lstm.parameters(), *head.parameters()], lr=2e-2)
    losses = []
    for _ in range(50):
        x = torch.randn(n, t, 1, 4, 4)  # fresh data: no memorising
        out, _ = lstm(x)
        pred = head(out.flatten(0, 1)).view(n, t, 1, 4, 4)
        loss = (pred[:, 1:] - x[:, :-1]).pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    first, last = sum(losses[:5]) / 5, sum(losses[-5:]) / 5
    assert first > 0.8
    assert last < 0.25 * first, (first, last)
