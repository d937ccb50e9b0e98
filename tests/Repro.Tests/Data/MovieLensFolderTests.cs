using System.Text;
using FluentAssertions;
using NUnit.Framework;
using Repro.Analysis;
using Repro.Data;

namespace Repro.Tests.Data;

/// <summary>The loader for a user's MovieLens-format folder, on the planted set written to disk and on hand-written files.</summary>
[TestFixture]
public sealed class MovieLensFolderTests
{
    /// <summary>Both layouts give back exactly the planted interactions, genres, titles and ids, whatever the line order.</summary>
    [TestCase(MovieLensLayout.Dat)]
    [TestCase(MovieLensLayout.Csv)]
    public void Both_layouts_load_the_planted_set_exactly(MovieLensLayout layout)
    {
        using var t = new TempFolder();
        var planted = PlantedMovieLensFolder.Write(t.Path, layout);

        var d = MovieLensFolder.Load(t.Path, new DatasetName("planted"));

        MovieLensFolder.Detect(t.Path).Should().Be(layout);
        d.UserCount.Should().Be(planted.UserCount);
        d.ItemCount.Should().Be(planted.ItemCount, "the unrated movie is listed but is not an item");
        for (int u = 0; u < d.UserCount; u++)
        {
            d.UserItems[u].Should().Equal(planted.UserItems[u]);
        }
        d.UserExternalIds.Should().Equal(Enumerable.Range(0, planted.UserCount).Select(PlantedMovieLensFolder.UserId));
        d.ItemExternalIds.Should().Equal(Enumerable.Range(0, planted.ItemCount).Select(PlantedMovieLensFolder.MovieId));
        d.ItemLabels.Should().Equal(Enumerable.Range(0, planted.ItemCount).Select(PlantedMovieLensFolder.Title));
        d.ConceptTables.Select(c => c.Kind).Should().Equal("genre", "decade");
        d.Concepts.Names.Should().Equal(PlantedMovieLensFolder.GenreNames);
        for (int i = 0; i < d.ItemCount; i++)
        {
            d.Concepts.ConceptsOf(i).Should().Equal(planted.Concepts.ConceptsOf(i));
        }
        d.Table("decade").Names.Should().Equal("<=1969", "1970s", "1980s", "1990s", "2000s", "2010s");
        d.Files.Select(f => f.Name).Should().Equal(layout == MovieLensLayout.Dat ? ["ratings.dat", "movies.dat", "users.dat"] : ["ratings.csv", "movies.csv"]);
    }

    /// <summary>A user's dataset is described by its profile: ML-1M presets by default, K = 10 % of the catalogue, no paper numbers, the written-down plan.</summary>
    [Test]
    public void A_users_folder_gets_the_generic_profile_and_the_written_down_plan()
    {
        using var dat = new TempFolder();
        using var csv = new TempFolder();
        PlantedMovieLensFolder.Write(dat.Path, MovieLensLayout.Dat);
        PlantedMovieLensFolder.Write(csv.Path, MovieLensLayout.Csv);

        var withAges = MovieLensFolder.Load(dat.Path, new DatasetName("planted"));
        var withoutAges = MovieLensFolder.Load(csv.Path, new DatasetName("planted"), PresetFamily.Quick);

        withAges.Profile.Should().BeEquivalentTo(new { Presets = PresetFamily.Ml1m, PopularityK = 30, AudienceSize = 20, IsPaperDataset = false });
        PopularityNeuron.KFor(withAges).Should().Be(30);
        withoutAges.Profile.Presets.Should().Be(PresetFamily.Quick);
        withAges.Profile.Plan!.Suppress.Should().Equal("Horror", "Action");
        withAges.Profile.Plan.Promote.Select(p => p.Concept).Should().Equal("Romance", "Children's", "Drama");
        withAges.Profile.Plan.Nudge.Should().Equal(new NudgePlan("young users (age code 1)", null, "Children's"));
        withoutAges.UserAgeCodes.Should().BeNull();
        withoutAges.Profile.Plan!.Nudge.Single().Source.Should().NotBeNull("without users.dat the fans of the second commonest genre are nudged");
    }

    /// <summary>The paper's datasets keep their own profiles: the constants the analysis read by name before now travel with the data.</summary>
    [Test]
    public void Paper_profiles_carry_the_paper_constants()
    {
        DatasetProfile.Ml1m.PopularityK.Should().Be(PopularityNeuron.Ml1mK);
        DatasetProfile.LastFm.PopularityK.Should().Be(PopularityNeuron.LastFmK);
        DatasetProfile.Ml1m.IsPaperDataset.Should().BeTrue();
        DatasetProfile.Ml1m.Plan!.Promote[0].Should().Be(new PromotionPlan("Romance", Repro.Experiments.InterventionExperiment.AliceMovieId));
        SyntheticDataset.Generate().Profile.Should().BeEquivalentTo(new { Presets = PresetFamily.Quick, PopularityK = 30, Plan = (InterventionPlan?)null, IsPaperDataset = false });
        using var t = new TempFolder();
        t.Write("movies.dat", "1::Toy Story (1995)::Comedy\n", Encoding.Latin1);
        t.Write("users.dat", "1::F::1::10::48067\n");
        t.Write("ratings.dat", "1::1::5\n");
        MovieLens1M.Load(t.Path).Profile.Should().BeSameAs(DatasetProfile.Ml1m);
    }

    /// <summary>RFC 4180: quoted titles with commas, doubled quotes and a line break parse, and later line numbers stay right.</summary>
    [Test]
    public void Csv_titles_follow_rfc_4180()
    {
        using var t = new TempFolder();
        t.Write("movies.csv", "movieId,title,genres\r\n1,\"Lion King, The (1994)\",Animation|Children\r\n2,\"\"\"Great\"\" Escape (1963)\",War\n3,\"Two\nLines (2001)\",Drama\nx,Plain (1980),(no genres listed)\n");
        t.Write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.5,1\n");

        var e = FluentActions.Invoking(() => MovieLensFolder.Load(t.Path, new DatasetName("x"))).Should().Throw<DatasetFormatException>().Which;

        // Every quoted title before it parsed; the bad movieId is on line 6 because the third title spans lines 4 and 5.
        e.File.Should().EndWith("movies.csv");
        e.Line.Should().Be(6);
        e.Expected.Should().Be("a numeric movieId");
    }

    /// <summary>Malformed files fail with the file, the line and what was expected there.</summary>
    [TestCase("movies.csv", "title,genres\n", 1, "a header row naming the column movieId")]
    [TestCase("movies.csv", "movieId,title,genres\n1,Toy Story (1995),Comedy\n2,Lion King, The (1994),Animation\n", 3, "3 fields like the header")]
    [TestCase("movies.csv", "movieId,title,genres\n1,\"Toy Story (1995),Comedy\n", 2, "a closing double quote")]
    [TestCase("movies.csv", "movieId,title,genres\n1,Toy \"Story\" (1995),Comedy\n", 2, "a double quote only at the start of a field")]
    [TestCase("ratings.csv", "userId,movieId,rating\n1,1,4\n1,1,6\n", 3, "a rating from 0.5 to 5")]
    [TestCase("ratings.csv", "userId,movieId,rating\n1,1\n", 2, "3 comma-separated fields")]
    [TestCase("ratings.csv", "user,movie,stars\n1,1,4\n", 1, "a header row naming the column userId")]
    public void Malformed_csv_names_file_line_and_expectation(string file, string content, int line, string expected)
    {
        using var t = new TempFolder();
        t.Write("movies.csv", "movieId,title,genres\n1,Toy Story (1995),Comedy\n");
        t.Write("ratings.csv", "userId,movieId,rating\n1,1,4\n");
        t.Write(file, content);

        var e = FluentActions.Invoking(() => MovieLensFolder.Load(t.Path, new DatasetName("x"))).Should().Throw<DatasetFormatException>().Which;

        e.File.Should().Be(t.File(file));
        e.Line.Should().Be(line);
        e.Expected.Should().Contain(expected);
        e.Message.Should().Contain(file).And.Contain("line " + line);
    }

    /// <summary>The .dat layout is checked the same way, users.dat included when present.</summary>
    [TestCase("ratings.dat", "1::1::5\n1::7::5\n", 2, "a MovieID listed in movies.dat")]
    [TestCase("ratings.dat", "1::1\n", 1, "UserID::MovieID::Rating")]
    [TestCase("ratings.dat", "3::1::5\n", 1, "a UserID listed in users.dat")]
    [TestCase("movies.dat", "1::Toy Story (1995)\n", 1, "MovieID::Title::Genres (3 fields)")]
    public void Malformed_dat_names_file_line_and_expectation(string file, string content, int line, string expected)
    {
        using var t = new TempFolder();
        t.Write("movies.dat", "1::Toy Story (1995)::Comedy\n", Encoding.Latin1);
        t.Write("users.dat", "1::F::1::10::48067\n");
        t.Write("ratings.dat", "1::1::5\n");
        t.Write(file, content, Encoding.Latin1);

        var e = FluentActions.Invoking(() => MovieLensFolder.Load(t.Path, new DatasetName("x"))).Should().Throw<DatasetFormatException>().Which;

        e.File.Should().Be(t.File(file));
        e.Line.Should().Be(line);
        e.Expected.Should().Contain(expected);
    }

    /// <summary>Structural checks replace the paper's exact sizes: a folder too small to analyse, or without a layout, says what it needs.</summary>
    [Test]
    public void Structural_checks_say_what_the_folder_needs()
    {
        using var t = new TempFolder();
        FluentActions.Invoking(() => MovieLensFolder.Load(t.Path, new DatasetName("x"))).Should().Throw<DatasetFormatException>()
            .Which.Expected.Should().Contain("ratings.dat and movies.dat").And.Contain("ratings.csv and movies.csv");
        FluentActions.Invoking(() => MovieLensFolder.Load(t.File("nope"), new DatasetName("x"))).Should().Throw<DatasetFormatException>()
            .Which.Expected.Should().Contain("does not exist");
        PlantedMovieLensFolder.Write(t.Path, MovieLensLayout.Csv, new SyntheticSettings(Users: 40));
        FluentActions.Invoking(() => MovieLensFolder.Load(t.Path, new DatasetName("x"))).Should().Throw<DatasetFormatException>()
            .Which.Expected.Should().Contain("at least 50 users");
    }

    /// <summary>A user's folder is named after itself, never after a catalogue dataset, so paper-only behaviour can never apply to it.</summary>
    [TestCase("movielens:/data/ml-latest-small", "ml-latest-small")]
    [TestCase("movielens:/data/ml-1m/", "ml-1m-user")]
    [TestCase("MovieLens:/data/my films", "my_films")]
    public void A_users_folder_is_named_after_itself(string spec, string name)
    {
        var u = UserDataset.Parse(spec);
        u.Name.Should().Be(new DatasetName(name));
        u.Presets.Should().Be(PresetFamily.Ml1m);
        UserDataset.Parse(spec, taken: [new DatasetName(name)]).Name.Should().NotBe(new DatasetName(name));
    }
}
