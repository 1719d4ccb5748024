namespace McpDataEnv.Core.Demo;

/// <summary>The small word lists the generator draws plausible names from. Changing them changes the data.</summary>
internal static class RetailNames
{
    public static readonly string[] FirstNames =
    [
        "Ava", "Liam", "Olivia", "Noah", "Emma", "Mateo", "Sofia", "Lucas", "Amara", "Kenji",
        "Priya", "Omar", "Chloe", "Diego", "Hannah", "Wei", "Fatima", "Jonas", "Isabel", "Ravi",
        "Grace", "Felix", "Yuki", "Carlos", "Nora", "Ahmed", "Elena", "Samuel", "Mei", "Tomas",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Garcia", "Chen", "Muller", "Okafor", "Tanaka", "Silva", "Kowalski", "Nguyen", "Patel",
        "Johnson", "Rossi", "Andersen", "Kim", "Haddad", "Dubois", "Lopez", "Novak", "Singh", "Brown",
        "Costa", "Ivanova", "Larsen", "Mensah", "Sato", "Fischer", "Reyes", "Walsh", "Ali", "Moreau",
    ];

    public static readonly string[] Categories =
    [
        "Electronics", "Home & Kitchen", "Apparel", "Beauty", "Sports & Outdoors", "Toys", "Books", "Grocery",
    ];

    /// <summary>Nouns per category, in the order of <see cref="Categories"/>.</summary>
    public static readonly string[][] Nouns =
    [
        ["Headphones", "Charger", "Smartwatch", "Speaker", "Keyboard", "Webcam"],
        ["Blender", "Kettle", "Skillet", "Knife Set", "Toaster", "Mug Set"],
        ["T-Shirt", "Jacket", "Sneakers", "Scarf", "Jeans", "Hoodie"],
        ["Moisturizer", "Shampoo", "Lip Balm", "Serum", "Face Mask", "Perfume"],
        ["Yoga Mat", "Tent", "Water Bottle", "Backpack", "Dumbbell", "Bike Light"],
        ["Puzzle", "Building Blocks", "Plush Bear", "Board Game", "Kite", "Toy Car"],
        ["Cookbook", "Novel", "Atlas", "Notebook", "Biography", "Comic"],
        ["Coffee Beans", "Green Tea", "Olive Oil", "Dark Chocolate", "Granola", "Honey"],
    ];

    public static readonly string[] Adjectives =
    [
        "Classic", "Deluxe", "Eco", "Compact", "Premium", "Smart", "Essential", "Pro", "Mini", "Organic",
    ];
}
