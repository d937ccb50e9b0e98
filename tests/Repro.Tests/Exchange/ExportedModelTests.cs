using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using Repro.Data;
using Repro.Exchange;
using Repro.Experiments;
using Repro.Recommenders;
using Repro.SparseAutoencoders;
using Repro.Tests.Data;
using Repro.Tests.EndToEnd;
using static TorchSharp.torch;

namespace Repro.Tests.Exchange;

/// <summary>
/// The planted set's exported models (<see cref="PlantedExport"/>) read with the independent reader and compared with the
/// models the suite holds in memory (<see cref="PlantedRun"/>), value by value; their configs; and the models they import as.
/// </summary>
[NonParallelizable]
public sealed class ExportedModelTests
{
    private static readonly PaperSetting Mf = PaperSetting.For(DatasetName.Synthetic, RecommenderKind.MF);
    private static readonly PaperSetting Ncf = PaperSetting.For(DatasetName.Synthetic, RecommenderKind.NCF);

    /// <summary>The MF SAE's W_enc is Wᵀ and W_dec is W (tied), b_enc is b_lat and b_dec is b_pre, every value bit for bit.</summary>
    [Test]
    public void Exported_MF_SAE_is_the_tied_weight_and_its_biases()
    {
        var sae = (MfSparseAutoencoder)PlantedRun.Session.PaperSae(Mf);
        var (t, metadata, _) = IndependentSafetensors.Read(Path.Combine(PlantedExport.MfSae, "model.safetensors"));
        int m = sae.Latents, n = sae.InputDim;
        float[] w = Host(() => sae.Weight);
        t["W_dec"].Shape.Should().Equal(m, n);
        t["W_enc"].Shape.Should().Equal(n, m);
        Bits(t["W_dec"].Values).Should().Equal(Bits(w));
        Bits(t["W_enc"].Values).Should().Equal(Bits(Transpose(w, m, n)));
        Bits(t["b_enc"].Values).Should().Equal(Bits(Host(() => sae.LatentBias)));
        Bits(t["b_dec"].Values).Should().Equal(Bits(Host(() => sae.PreBias)));
        metadata.Should().Contain("dataset", "synthetic").And.ContainKey("data_fingerprint");
    }

    /// <summary>The NCF SAE has no decoder bias: b_dec is zeros and the config says so; b_enc is its bias b.</summary>
    [Test]
    public void Exported_NCF_SAE_has_zero_decoder_bias_and_says_so()
    {
        var sae = (NcfSparseAutoencoder)PlantedRun.Session.PaperSae(Ncf);
        var (t, _, _) = IndependentSafetensors.Read(Path.Combine(PlantedExport.NcfSae, "model.safetensors"));
        t["b_dec"].Values.Should().OnlyContain(v => v == 0f).And.HaveCount(sae.InputDim);
        Bits(t["b_enc"].Values).Should().Equal(Bits(Host(() => sae.Bias)));
        Bits(t["W_dec"].Values).Should().Equal(Bits(Host(() => sae.Weight)));
        var config = Config(PlantedExport.NcfSae);
        config.GetProperty("sae").GetProperty("decoder_bias").GetString().Should().Contain("no decoder bias");
        config.GetProperty("sae").GetProperty("normalisation").ValueKind.Should().Be(JsonValueKind.Null);
        config.GetProperty("sae").GetProperty("decode").GetString().Should().Be("x_hat = z @ W_dec");
    }

    /// <summary>The recommenders' tensors are the embeddings, MF's biases and NCF's MLP under the names nn.Embedding and nn.Sequential use.</summary>
    [Test]
    public void Exported_recommenders_hold_embeddings_biases_and_the_MLP_under_PyTorch_names()
    {
        var mf = (MatrixFactorization)PlantedRun.Session.Model(Mf);
        var (t, _, _) = IndependentSafetensors.Read(Path.Combine(PlantedExport.MfRecommender, "model.safetensors"));
        t.Keys.Should().BeEquivalentTo("user_embedding.weight", "item_embedding.weight", "user_bias", "item_bias");
        var (p, q, bu, bi) = mf.ToArrays();
        Bits(t["user_embedding.weight"].Values).Should().Equal(Bits(p));
        t["user_embedding.weight"].Shape.Should().Equal(mf.UserCount, mf.Dim);
        Bits(t["item_embedding.weight"].Values).Should().Equal(Bits(q));
        Bits(t["user_bias"].Values).Should().Equal(Bits(bu));
        Bits(t["item_bias"].Values).Should().Equal(Bits(bi));

        var ncf = (NeuralCollaborativeFiltering)PlantedRun.Session.Model(Ncf);
        var (u, _, _) = IndependentSafetensors.Read(Path.Combine(PlantedExport.NcfRecommender, "model.safetensors"));
        var state = ncf.state_dict();
        foreach (var (ours, theirs) in new[] { ("user_embedding", "user_embedding.weight"), ("item_embedding", "item_embedding.weight"),
            ("layer1.weight", "mlp.0.weight"), ("layer1.bias", "mlp.0.bias"), ("layer2.weight", "mlp.2.weight"), ("layer4.weight", "mlp.6.weight"), ("layer4.bias", "mlp.6.bias") })
        {
            u[theirs].Shape.Should().Equal(state[ours].shape);
            Bits(u[theirs].Values).Should().Equal(Bits(Host(() => state[ours])), theirs + " is our " + ours);
        }
        u["mlp.0.weight"].Shape.Should().Equal(64, 2 * ncf.Dim);
    }

    /// <summary>
    /// The configs say what a Python user needs: the MF SAE's normalisation (ε = 1e-5, unbiased σ, the de-normalisation),
    /// Top-K's k, Matryoshka's prefixes, the data fingerprint, the split seed, the trainer versions and the id maps.
    /// </summary>
    [Test]
    public void Configs_state_normalisation_k_prefixes_data_and_ids()
    {
        var mf = Config(PlantedExport.MfSae);
        var norm = mf.GetProperty("sae").GetProperty("normalisation");
        norm.GetProperty("epsilon").GetDouble().Should().Be(1e-5);
        norm.GetProperty("std").GetString().Should().Contain("unbiased");
        norm.GetProperty("before").GetString().Should().Be("x_norm = (x - mu) / (sigma + 1e-5), mu = x.mean(dim=1), sigma = x.std(dim=1) of each vector x");
        norm.GetProperty("after").GetString().Should().Contain("x_hat = decoded * sigma + mu");
        mf.GetProperty("sae").GetProperty("encode").GetString().Should().Be("z = relu((x_norm - b_dec) @ W_enc + b_enc)");
        mf.GetProperty("sae").GetProperty("trainer_version").GetString().Should().Be(SaeTrainer.Version);
        mf.GetProperty("split").GetProperty("seed").GetUInt64().Should().Be(42);
        mf.GetProperty("dataset").GetProperty("fingerprint").GetString().Should().Be(PlantedRun.Session.Data(DatasetName.Synthetic).Fingerprint);
        mf.GetProperty("recommender").GetProperty("folder").GetString().Should().Be(Path.GetFileName(PlantedExport.MfRecommender));

        var topK = Config(PlantedExport.Model("synthetic-mf-sae-top*-m16-"));
        topK.GetProperty("sae").GetProperty("k").GetInt32().Should().Be(topK.GetProperty("sae").GetProperty("settings").GetProperty("top_k").GetInt32()).And.BeGreaterThan(0);
        topK.GetProperty("sae").GetProperty("encode").GetString().Should().Contain("largest entries");

        var nested = Config(PlantedExport.Model("synthetic-mf-sae-matryoshka-"));
        nested.GetProperty("sae").GetProperty("prefixes").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(4, 8, 16);

        var rec = Config(PlantedExport.MfRecommender);
        rec.GetProperty("recommender").GetProperty("trainer_version").GetString().Should().Be(RecommenderTrainer.Version);
        rec.GetProperty("ids").GetProperty("users").GetString().Should().Be("users.csv");
        rec.GetProperty("epoch_losses").GetArrayLength().Should().Be(RecommenderSettings.SyntheticMf.Epochs);
        var data = PlantedRun.Session.Data(DatasetName.Synthetic);
        string[] users = File.ReadAllLines(Path.Combine(PlantedExport.MfRecommender, "users.csv"));
        users[0].Should().Be("row,user_id");
        users.Should().HaveCount(data.UserCount + 1);
        users[^1].Should().Be($"{data.UserCount - 1},{data.UserExternalIds[^1]}");
        string[] items = File.ReadAllLines(Path.Combine(PlantedExport.MfRecommender, "items.csv"));
        items.Should().HaveCount(data.ItemCount + 1);
        items[1].Should().Be($"0,{data.ItemExternalIds[0]},{data.ItemLabels[0]}");
    }

    /// <summary>Imported models compute exactly what the originals compute: the same SAE codes of every item, the same recommender scores.</summary>
    [Test]
    public void Imported_models_compute_bit_identically()
    {
        var model = ModelFolder.Read(PlantedExport.MfRecommender).LoadRecommender(CPU).Model;
        var sae = ModelFolder.Read(PlantedExport.MfSae).LoadSae(Mf.Sae, Checkpoint.Fingerprint(ModelCache.AsModule(model)), "planted MF", CPU);
        try
        {
            SaeActivations.Items(sae, model).Should().BeEquivalentTo(SaeActivations.Items(PlantedRun.Session.PaperSae(Mf), PlantedRun.Session.Model(Mf)));
        }
        finally
        {
            sae.Dispose();
            model.Dispose();
        }
        using var ncf = ModelFolder.Read(PlantedExport.NcfRecommender).LoadRecommender(CPU).Model;
        long[] users = [0, 1, 2, 599];
        Host(() => ncf.ScoreAllItems(users)).Should().Equal(Host(() => PlantedRun.Session.Model(Ncf).ScoreAllItems(users)));
    }

    /// <summary>
    /// The README's Python snippet, computed from the exported files alone with the independent reader and plain
    /// arithmetic: the MF SAE's activation of every item (normalise each item vector, subtract b_dec, multiply by W_enc,
    /// add b_enc, ReLU) matches the report's, and each neuron card's top-10 items are those of the snippet.
    /// </summary>
    [Test]
    public void Readme_snippet_reproduces_the_neuron_cards_from_the_exported_files()
    {
        var (rec, _, _) = IndependentSafetensors.Read(Path.Combine(PlantedExport.MfRecommender, "model.safetensors"));
        var (sae, _, _) = IndependentSafetensors.Read(Path.Combine(PlantedExport.MfSae, "model.safetensors"));
        var x = rec["item_embedding.weight"];
        int items = (int)x.Shape[0], n = (int)x.Shape[1], m = (int)sae["b_enc"].Shape[0];
        var z = new double[items, m];
        for (int i = 0; i < items; i++)
        {
            var row = x.Values.AsSpan(i * n, n).ToArray().Select(v => (double)v).ToArray();
            double mu = row.Average(), sigma = Math.Sqrt(row.Sum(v => (v - mu) * (v - mu)) / (n - 1));
            for (int j = 0; j < m; j++)
            {
                double a = sae["b_enc"].Values[j];
                for (int k = 0; k < n; k++)
                {
                    a += (((row[k] - mu) / (sigma + 1e-5)) - sae["b_dec"].Values[k]) * sae["W_enc"].Values[(k * m) + j];
                }
                z[i, j] = Math.Max(0, a);
            }
        }
        var concepts = PlantedRun.Results.Concepts(Mf);
        for (int i = 0; i < items; i++)
        {
            for (int j = 0; j < m; j++)
            {
                z[i, j].Should().BeApproximately(concepts.ItemActivations[i, j], 1e-4);
            }
        }
        int matched = 0;
        foreach (var card in concepts.NeuronCards.Cards.Where(c => !c.Dead))
        {
            var ranked = Enumerable.Range(0, items).OrderByDescending(i => z[i, card.Neuron]).ThenBy(i => i).ToArray();
            // A tie within float noise at the 10th place could swap one item: those neurons are left out, and most are not.
            if (z[ranked[9], card.Neuron] - z[ranked[10], card.Neuron] > 1e-3)
            {
                ranked.Take(10).Should().Equal(card.TopItems.Select(t => t.Item), $"neuron {card.Neuron}'s top 10");
                matched++;
            }
        }
        matched.Should().BeGreaterThan(m / 2);
    }

    /// <summary>Item labels with commas and quotes are quoted as RFC 4180 says in items.csv.</summary>
    [Test]
    public void Item_labels_with_commas_and_quotes_are_quoted_in_items_csv()
    {
        using var t = new TempFolder();
        var data = new RecDataset(new DatasetName("tiny"), 3, [[0, 1], [2]], ["American President, The (1995)", "Say \"Hi\"", "Plain"], [], [], userExternalIds: [10, 20], itemExternalIds: [7, 8, 9]);
        var settings = RecommenderSettings.SyntheticMf with { Dim = 2, Epochs = 1 };
        using var mf = new MatrixFactorization([1f, 2f, 3f, 4f], [1f, 0f, 0f, 1f, 1f, 1f], [0.5f, -0.5f], [0f, 0f, 1f], 2, 3, 2);
        ModelFolder.WriteRecommender(t.File("m"), new TrainedRecommender(mf, settings, [0.7]), data, new SplitSettings());
        File.ReadAllText(Path.Combine(t.File("m"), "items.csv")).Should().Be(
            "row,item_id,label\n0,7,\"American President, The (1995)\"\n1,8,\"Say \"\"Hi\"\"\"\n2,9,Plain\n");
        File.ReadAllText(Path.Combine(t.File("m"), "users.csv")).Should().Be("row,user_id\n0,10\n1,20\n");
    }

    private static JsonElement Config(string folder)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "config.json")));
        return doc.RootElement.Clone();
    }

    // The accessor runs inside the scope, so the view or result it makes is freed with it, never by the finalizer.
    private static float[] Host(Func<Tensor> make)
    {
        using var scope = NewDisposeScope();
        return make().detach().cpu().contiguous().data<float>().ToArray();
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];

    private static float[] Transpose(float[] values, int rows, int cols)
    {
        var t = new float[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                t[(c * rows) + r] = values[(r * cols) + c];
            }
        }
        return t;
    }
}
