using EventAgents.Domain.Documents;

namespace EventAgents.Domain.UnitTests.Documents;

public sealed class NamesTests
{
    [TestCase("orders", true)]
    [TestCase("a", true)]
    [TestCase("order_lines-2", true)]
    [TestCase("Orders", false)]
    [TestCase("1orders", false)]
    [TestCase("or ders", false)]
    [TestCase("", false)]
    public void Collection_names(string name, bool valid) => Assert.That(CollectionName.IsValid(name), Is.EqualTo(valid));

    [Test]
    public void Collection_names_are_at_most_64_characters()
    {
        Assert.That(CollectionName.IsValid("a" + new string('b', 63)), Is.True);
        Assert.That(CollectionName.IsValid("a" + new string('b', 64)), Is.False);
    }

    [TestCase("o-17", true)]
    [TestCase(".hidden", true)]
    [TestCase("a:b.c_d", true)]
    [TestCase("a/b", false)]
    [TestCase("", false)]
    public void Document_ids(string id, bool valid) => Assert.That(DocumentId.IsValid(id), Is.EqualTo(valid));

    [Test]
    public void A_document_lives_in_its_system_stream() =>
        Assert.That(DocumentId.StreamOf("orders", "o-17"), Is.EqualTo("doc:orders:o-17"));
}
