using System.Globalization;
using Repro.Recommenders;
using static TorchSharp.torch;

namespace Repro.Exchange;

/// <summary>
/// A recommender as PyTorch names its parts. Both kinds: <c>user_embedding.weight</c> [users, d] and
/// <c>item_embedding.weight</c> [items, d] (rows in the order of the id maps). MF adds <c>user_bias</c> [users] and
/// <c>item_bias</c> [items]: <c>logit(u, i) = user_bias[u] + item_bias[i] + p_u · q_i</c>. NCF adds its MLP as an
/// <c>nn.Sequential(Linear(2d, 64), ReLU, Linear(64, 32), ReLU, Linear(32, 16), ReLU, Linear(16, 1))</c> named
/// <c>mlp</c>, so <c>mlp.0.weight</c>, <c>mlp.0.bias</c>, <c>mlp.2.*</c>, <c>mlp.4.*</c>, <c>mlp.6.*</c> load straight into
/// it: <c>logit(u, i) = mlp(cat([e_u, e_i]))</c>.
/// </summary>
public static class RecommenderTensors
{
    // Our NCF module's state names and the exported names, in file order (embeddings first).
    private static readonly (string Ours, string Exported)[] NcfNames =
    [
        ("user_embedding", "user_embedding.weight"),
        ("item_embedding", "item_embedding.weight"),
        ("layer1.weight", "mlp.0.weight"), ("layer1.bias", "mlp.0.bias"),
        ("layer2.weight", "mlp.2.weight"), ("layer2.bias", "mlp.2.bias"),
        ("layer3.weight", "mlp.4.weight"), ("layer3.bias", "mlp.4.bias"),
        ("layer4.weight", "mlp.6.weight"), ("layer4.bias", "mlp.6.bias"),
    ];

    // NCF's MLP widths after the 2d input (SPEC §3).
    private static readonly int[] NcfWidths = [64, 32, 16, 1];

    /// <summary>The recommender's tensors (values copied to the host).</summary>
    public static IReadOnlyList<NamedTensor> Export(ITwoTower model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var shapes = Shapes(model.Kind, model.UserCount, model.ItemCount, model.Dim);
        switch (model)
        {
            case MatrixFactorization mf:
                var (p, q, userBias, itemBias) = mf.ToArrays();
                return
                [
                    new("user_embedding.weight", shapes["user_embedding.weight"], p),
                    new("item_embedding.weight", shapes["item_embedding.weight"], q),
                    new("user_bias", shapes["user_bias"], userBias),
                    new("item_bias", shapes["item_bias"], itemBias),
                ];
            case NeuralCollaborativeFiltering ncf:
                var state = ncf.state_dict();
                return [.. NcfNames.Select(n => new NamedTensor(n.Exported, shapes[n.Exported], MatrixFactorization.Floats(state[n.Ours])))];
            default:
                throw new NotSupportedException($"Cannot export a {model.GetType().Name}.");
        }
    }

    /// <summary>The tensors a recommender of this kind and size has, by name, in file order.</summary>
    public static IReadOnlyDictionary<string, long[]> Shapes(RecommenderKind kind, int users, int items, int dim)
    {
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal)
        {
            ["user_embedding.weight"] = [users, dim],
            ["item_embedding.weight"] = [items, dim],
        };
        if (kind == RecommenderKind.MF)
        {
            shapes["user_bias"] = [users];
            shapes["item_bias"] = [items];
            return shapes;
        }
        long fanIn = 2L * dim;
        for (int layer = 0; layer < NcfWidths.Length; layer++)
        {
            shapes[string.Create(CultureInfo.InvariantCulture, $"mlp.{2 * layer}.weight")] = [NcfWidths[layer], fanIn];
            shapes[string.Create(CultureInfo.InvariantCulture, $"mlp.{2 * layer}.bias")] = [NcfWidths[layer]];
            fanIn = NcfWidths[layer];
        }
        return shapes;
    }

    /// <summary>What each tensor is, for the config.</summary>
    public static IReadOnlyDictionary<string, string> Describe(RecommenderKind kind, int users, int items, int dim) =>
        Shapes(kind, users, items, dim).ToDictionary(s => s.Key, s => NamedTensor.ShapeText(s.Value) + " " + s.Key switch
        {
            "user_embedding.weight" => "user vectors, rows in the order of users.csv",
            "item_embedding.weight" => "item vectors, rows in the order of items.csv",
            "user_bias" => "user biases b_u",
            "item_bias" => "item biases b_i",
            var name when name.EndsWith(".weight", StringComparison.Ordinal) => "weight of the MLP's Linear layer " + name.Split('.')[1],
            _ => "bias of that Linear layer",
        }, StringComparer.Ordinal);

    /// <summary>The frozen recommender holding these tensors (names and shapes already checked), on <paramref name="device"/>.</summary>
    public static ITwoTower Import(RecommenderSettings settings, int users, int items, IReadOnlyDictionary<string, NamedTensor> tensors, TorchSharp.torch.Device device)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tensors);
        if (settings.IsMatrixFactorization())
        {
            return new MatrixFactorization(tensors["user_embedding.weight"].Values, tensors["item_embedding.weight"].Values,
                tensors["user_bias"].Values, tensors["item_bias"].Values, users, items, settings.Dim, device);
        }
        var ncf = new NeuralCollaborativeFiltering(users, items, settings.Dim, settings.Seed, device);
        var state = ncf.state_dict();
        using (NewDisposeScope())
        using (no_grad())
        {
            foreach (var (ours, exported) in NcfNames)
            {
                var t = tensors[exported];
                state[ours].copy_(tensor(t.Values).reshape(t.Shape));
            }
        }
        ncf.Freeze();
        ncf.eval();
        return ncf;
    }
}
