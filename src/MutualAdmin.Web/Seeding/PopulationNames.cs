namespace MutualAdmin.Web.Seeding;

/// <summary>
/// Given and family names common in Senegal and its neighbours, for synthetic people only. Women keep
/// their own family name on marriage; children take their father's.
/// </summary>
static class PopulationNames
{
    public static readonly string[] Male =
    [
        "Mamadou", "Moussa", "Ibrahima", "Cheikh", "Abdoulaye", "Ousmane", "Modou", "Babacar", "Alioune", "Serigne",
        "Amadou", "Pape", "Lamine", "Souleymane", "Mouhamed", "Omar", "Aliou", "Malick", "Saliou", "Samba",
        "Demba", "Boubacar", "Idrissa", "Khadim", "Daouda", "Assane", "Ousseynou", "Birame", "Massamba", "Ndiaga",
        "Elhadji", "Matar", "Mbaye", "Issa", "Seydou", "Djibril", "Fallou", "Bassirou", "Mansour", "Tidiane",
        "Youssou", "Adama", "Baba", "Habib", "Insa", "Karim", "Lat", "Makhtar", "Nfally", "Salif",
    ];

    public static readonly string[] Female =
    [
        "Awa", "Fatou", "Aminata", "Mariama", "Aissatou", "Khady", "Ndeye", "Coumba", "Adama", "Astou",
        "Diarra", "Rokhaya", "Sokhna", "Binta", "Dieynaba", "Fatoumata", "Mareme", "Yacine", "Seynabou", "Ngone",
        "Oumou", "Penda", "Maimouna", "Aby", "Nafissatou", "Kine", "Codou", "Dior", "Bineta", "Safietou",
        "Arame", "Anta", "Bousso", "Daba", "Fama", "Gnilane", "Hawa", "Jeanne", "Khoudia", "Lika",
        "Mame", "Ndella", "Oulimata", "Rama", "Sala", "Sira", "Thioro", "Yande", "Ramatoulaye", "Soda",
    ];

    public static readonly string[] Family =
    [
        "Diop", "Ndiaye", "Fall", "Sow", "Diallo", "Ba", "Sy", "Gueye", "Faye", "Sarr",
        "Diouf", "Mbaye", "Thiam", "Cisse", "Sene", "Ndour", "Kane", "Seck", "Niang", "Dione",
        "Mbengue", "Camara", "Toure", "Diagne", "Wade", "Sall", "Diedhiou", "Badji", "Tall", "Lo",
        "Samb", "Ka", "Dieng", "Cissokho", "Ndao", "Gaye", "Mane", "Sagna", "Tine", "Diatta",
        "Kebe", "Leye", "Mboup", "Ndoye", "Pouye", "Sakho", "Konate", "Coly", "Bodian", "Goudiaby",
    ];
}
