"""Common news topics in the bot's languages: a reader's word finds news told in another.

A free topic is matched by its words and by meaning (`topics.py`), and a single word's
meaning reaches news in another language only weakly: reader QA typed "Wahlen",
"elecciones", "Arbeitslosigkeit", "Krieg", "Polizei" and got "nothing new" while readers of
"elections", "unemployment", "war" and "police" got the stories. For the topics news readers
follow most, each line below lists the words for one topic in English, German, French,
Spanish, Italian, Portuguese, Dutch, Polish, Russian, Ukrainian, Bulgarian, Greek and Turkish
(Turkish since stop 58: a Turkish reader's "seçim", "savaş" and "müzik" found nothing; Arabic,
Hebrew, Chinese, Japanese, Korean and Hindi for elections and war since stop 76, QA T3: their
readers' "انتخابات", "בחירות", "选举", "선거" found nothing; singular
and plural where they differ in stem; Cyrillic and Greek words in the dictionary form that
joins their case forms, `topics._stem_by_script`); a topic typed as any of them also finds the
others, as a country's names do.

Written for this project. Left out are words that are another word of news in their own
language or in English once stemmed ("Steuer" is also a steering wheel, "impuesto" also
"imposed", "Haushalt" a household, "Handel" the composer, "Zoll" an inch, Spanish "bolsa" and
Italian "borsa" bags, "paro" a halt, Polish "droga" a road, "Rente" and "retraite" stem to
"rent" and "retrait", Dutch "staking" to "stake", "niños" to El Niño, "Kinder" is Kinder
Morgan, "manifestation" a manifest, "tasse" a French cup, "donne" French for "gives", "Krebs" a
surname; (uk "вибори", bg "избори" keep forms apart from "вибору", "избор", a
choice: `topics._OWN_FORMS`) Bulgarian "затвор" with "затворен", closed, "търговия" with "търгове",
tenders, Russian "знаменитости" with "знаменитый", famous, Greek "πρόσφυγες" with
"προσφυγή", an appeal, "πληθωρισμός" with "πληθώρα", a plethora, "φυλακή" with "φύλακας", a
guard, "πυροβολισμοί" with "πυροβολικό", artillery; Greek "σύνταξη" is also a newsroom,
"ενέργεια" an action, "Πάπας" a priest, Russian "папа" a dad, and Bulgarian "жени" and "куче"
read as Russian "женить", "куча": stop 56), English words of two senses a foreign reader means
one of ("strike": an air strike; "walkout" stands for it), and words that name a common
category (business, sport…), which `categories.py` matches by meaning. Not every line has
every language. A word that is a function word of some language is looked for only in stories
read as English (German "war" is "was": `topics.py`). Review and reader QA, stop 38.
"""

from __future__ import annotations

TOPICS: tuple[str, ...] = (
    "election, elections, Wahl, Wahlen, élection, élections, elección, elecciones, elezione, "
    "elezioni, eleição, eleições, verkiezing, verkiezingen, wybory, выборы, вибори, избори, "
    "εκλογές, "
    "seçim, seçimler, "
    "انتخابات, בחירות, 选举, 選舉, 選挙, 선거, चुनाव",
    "unemployment, jobless, Arbeitslosigkeit, chômage, desempleo, disoccupazione, "
    "desemprego, werkloosheid, bezrobocie, безработица, безробіття, ανεργία, "
    "işsizlik",
    "war, Krieg, guerre, guerra, oorlog, wojna, wojny, война, війна, πόλεμος, "
    "savaş, "
    "حرب, מלחמה, 战争, 戰爭, 戦争, 전쟁, युद्ध",
    "police, Polizei, policía, polizia, polícia, politie, policja, полиция, поліція, "
    "αστυνομία, "
    "polis",
    "murder, Mord, meurtre, asesinato, omicidio, assassinato, moord, morderstwo, убийство, "
    "вбивство, δολοφονία, "
    "cinayet",
    "shooting, gunfire, Schießerei, fusillade, tiroteo, sparatoria, tiroteio, schietpartij, "
    "strzelanina, стрельба, перестрелка, стрілянина, стрелба, "
    "silahlı saldırı",
    "tax, taxes, Steuern, impôt, impôts, impuestos, impostos, podatki, налог, податок, "
    "податки, данък, данъци, φόρος, "
    "vergi, vergiler",
    "refugee, refugees, Flüchtling, Flüchtlinge, réfugié, réfugiés, refugiado, refugiados, "
    "rifugiato, rifugiati, vluchteling, vluchtelingen, uchodźca, uchodźcy, беженец, беженцы, "
    "біженець, біженці, бежанец, бежанци, "
    "mülteci, mülteciler",
    "migrant, migrants, Migrant, Migranten, migrante, migrantes, migranti, migranci, мигрант, "
    "мигранты, мігрант, мігранти, мигранти, μετανάστης, μετανάστες, "
    "göçmen, göçmenler",
    "immigration, Einwanderung, Zuwanderung, inmigración, immigrazione, imigração, "
    "immigratie, imigracja, иммиграция, імміграція, имиграция, μετανάστευση, "
    "göç",
    "inflation, Inflation, inflación, inflazione, inflação, inflatie, inflacja, инфляция, "
    "інфляція, инфлация, "
    "enflasyon",
    "walkout, walkouts, Streik, Streiks, grève, grèves, huelga, huelgas, sciopero, scioperi, "
    "greve, greves, strajk, забастовка, страйк, стачка, απεργία, "
    "grev, grevler",
    "prison, Gefängnis, cárcel, prisión, carcere, prigione, prisão, gevangenis, więzienie, "
    "тюрьма, в'язниця, "
    "cezaevi, hapishane",
    "abortion, Abtreibung, avortement, aborto, abortus, aborcja, аборт, άμβλωση, έκτρωση, "
    "kürtaj",
    "cancer, Krebserkrankung, cáncer, cancro, câncer, kanker, рак, καρκίνος, "
    "kanser",
    "oil, crude oil, Erdöl, Rohöl, pétrole, petróleo, petrolio, aardolie, нефть, нафта, "
    "петрол, нефт, πετρέλαιο, "
    "ham petrol, ropa naftowa",
    "stock market, stock exchange, Börse, bourse, giełda, биржа, біржа, борса, χρηματιστήριο",
    # Reader QA, stop 54 F4: "finanzas", "Übernahme" found nothing the English words found.
    # Not "marchés" ("March" once stemmed), "Fusion", "fusiones" (nuclear fusion), "fusões"
    # ("fuso"), "bolsa"; nor markets (as "marketing") or jobs (as Steve Jobs) in every
    # language (second review, stop 54).
    "finance, finances, Finanzen, finanzas, finanza, finanças, financiën, finanse, финансы, "
    "фінанси, финанси, "
    "finans",
    "mergers, acquisitions, takeover, takeovers, Übernahme, Übernahmen, rachat, "
    "adquisiciones, fusioni, acquisizioni, aquisições, overname, overnames, fuzja, "
    "przejęcie, слияние, поглощение, злиття, поглинання, сливане, συγχώνευση, εξαγορά",
    "drugs, Drogen, drogue, drogues, droghe, narkotyki, наркотики, наркотици, ναρκωτικά, "
    "uyuşturucu",
    # Topic QA, stop 40: "Anschlag", a German reader's everyday word, found one story, and
    # that one wrong ("attentat", "atentado", "attentato" likewise).
    "terrorism, terror, Terrorismus, terrorisme, terrorismo, terroryzm, Anschlag, Anschläge, "
    "Terroranschlag, attentat, attentats, atentado, atentados, attentato, attentati, zamach, "
    "терроризм, теракт, тероризм, тероризъм, атентат, τρομοκρατία, "
    "terör, terörizm",
    "vaccine, vaccines, vaccination, Impfstoff, Impfung, vaccin, vaccins, vacuna, vacunas, "
    "vaccino, vaccini, vacina, vacinas, szczepionka, szczepionki, вакцина, вакцинация, "
    "прививка, щеплення, ваксина, εμβόλιο, εμβολιασμός",
    "earthquake, Erdbeben, séisme, tremblement de terre, terremoto, sismo, aardbeving, "
    "trzęsienie ziemi, землетрясение, землетрус, земетресение, σεισμός, "
    "deprem",
    "flood, floods, flooding, Hochwasser, Überschwemmung, Überschwemmungen, inondation, "
    "inondations, inundación, inundaciones, alluvione, alluvioni, inundação, inundações, "
    "overstroming, overstromingen, powódź, наводнение, повінь, πλημμύρα, "
    "sel felaketi",
    "wildfire, wildfires, Waldbrand, Waldbrände, feu de forêt, incendie de forêt, "
    "incendio forestal, incendi boschivi, incêndio florestal, bosbrand, pożar lasu, "
    "лесной пожар, лісова пожежа, горски пожар, δασική πυρκαγιά, "
    "orman yangını",
    "protest, protests, Protest, Proteste, protesta, protestas, proteste, protesto, "
    "protestos, protesten, protesty, протест, διαμαρτυρία, "
    "protestolar",
    "corruption, Korruption, corrupción, corruzione, corrupção, corruptie, korupcja, "
    "коррупция, корупція, корупция, διαφθορά, "
    "yolsuzluk",
    "pension, pensions, Renten, pensión, pensiones, pensione, pensioni, pensão, "
    "aposentadoria, pensioen, emerytura, пенсия, пенсія, "
    "emeklilik",
    "tariff, tariffs, Zölle, droits de douane, arancel, aranceles, dazi, tarifas "
    "aduaneiras, importheffing, cła, пошлина, мито, δασμός, "
    "gümrük vergisi",
    "airline, airlines, Fluggesellschaft, Fluggesellschaften, compagnie aérienne, "
    "compagnies aériennes, aerolínea, aerolíneas, compagnia aerea, compagnie aeree, "
    "companhia aérea, companhias aéreas, luchtvaartmaatschappij, linie lotnicze, авиакомпания, "
    "авіакомпанія, авиокомпания, αεροπορική εταιρεία, "
    "havayolu",
    "nuclear weapons, Atomwaffen, armes nucléaires, armas nucleares, armi nucleari, "
    "kernwapens, broń jądrowa, ядерное оружие, ядерна зброя, ядрено оръжие, ядрени оръжия, "
    "πυρηνικό όπλο, "
    "nükleer silah, nükleer silahlar",
    "nuclear power, nuclear energy, Atomkraft, Kernkraft, Kernenergie, énergie nucléaire, "
    "energía nuclear, energia nucleare, energia nuclear, kernenergie, energia jądrowa, "
    "атомная энергетика, ядерная энергетика, атомная энергия, атомна енергетика, "
    "ядерна енергетика, атомна енергия, ядрена енергетика, πυρηνική ενέργεια, "
    "nükleer enerji",
    "music, Musik, musique, música, musica, muziek, muzyka, музыка, музика, μουσική, "
    "müzik",
    "television, TV, Fernsehen, télévision, televisión, televisione, televisão, televisie, "
    "telewizja, телевидение, телебачення, телевизия, τηλεόραση, "
    "televizyon",
    "children, enfants, bambini, crianças, kinderen, dzieci, дети, діти, деца, παιδί, "
    "çocuklar, çocuk",
    "women, Frauen, femmes, mujeres, mulheres, vrouwen, kobiety, женщины, жінки, γυναίκες, "
    "kadınlar, kadın",
    "social media, soziale Medien, réseaux sociaux, redes sociales, redes sociais, "
    "media społecznościowe, соцсети, социальная сеть, соцмережа, соціальна мережа, "
    "социална мрежа, κοινωνική δικτύωση, "
    "sosyal medya",
    "artificial intelligence, künstliche Intelligenz, intelligence artificielle, "
    "inteligencia artificial, intelligenza artificiale, inteligência artificial, "
    "kunstmatige intelligentie, sztuczna inteligencja, искусственный интеллект, "
    "штучний інтелект, изкуствен интелект, τεχνητή νοημοσύνη, "
    "yapay zeka, yapay zekâ",
    "minimum wage, Mindestlohn, salaire minimum, salario mínimo, salario minimo, "
    "salário mínimo, minimumloon, płaca minimalna, минимальная зарплата, МРОТ, "
    "мінімальна зарплата, минимална работна заплата, минимална заплата, κατώτατος μισθός, "
    "asgari ücret",
    "interest rates, Leitzins, Zinsen, taux d'intérêt, tipos de interés, tasas de interés, "
    "tassi di interesse, taxa de juros, stopy procentowe, процентная ставка, ключевая ставка, "
    "облікова ставка, відсоткова ставка, лихвен процент, επιτόκιο, "
    "faiz, faiz oranları",
    "energy, Energie, énergie, energía, energia, энергия, энергетика, енергія, енергетика, "
    "енергия, "
    "enerji",
    "housing, Wohnungsmarkt, Wohnungsbau, logement, vivienda, edilizia abitativa, habitação, "
    "woningmarkt, mieszkalnictwo, жильё, житло, жилище, στέγαση, "
    "konut",
    "trade, commerce extérieur, comercio, commercio, comércio, торговля, торгівля, εμπόριο, "
    "ticaret",
    "budget, Staatshaushalt, presupuesto, bilancio dello Stato, orçamento, "
    "begroting, budżet, бюджет, προϋπολογισμός, "
    "bütçe",
    # Reader QA, stop 39: "cinéma", "cine", "Kino", "animali", "Tiere", "Hochzeit", "Promis"
    # found nothing the English words found. Not "film" ("filmed in 1944"), "chats" (talks),
    # Italian "cane" (a cane), German and Dutch "Brand" (a brand), "cão" (Cao, a surname).
    # Stop 43: "film" and "films" have a word form of their own ("filmed" stays apart,
    # `topics._OWN_FORMS`): the Oscars' best-picture story said only "film" (reader QA).
    "movies, movie, film, films, cinema, Kino, cinéma, cine, películas, bioscoop, kino, кино, "
    "фильм, кіно, фільм, филм, ταινία, κινηματογράφος, σινεμά",
    "animals, animal, Tiere, animaux, animales, animali, animais, dieren, zwierzęta, животные, "
    "тварини, животни, ζώο, ζώα, "
    "hayvanlar, hayvan",
    # Reader QA, stop 49: Polish "psy" found nothing. Left out: "pies" (English pies), "psa"
    # (PSA), "psy" (the singer PSY: every "dogs" reader got him; review) and "kot" (German
    # "Kot", dung), so a Polish reader writes "psów" or "koty".
    "dogs, dog, Hunde, Hund, chiens, chien, perros, perro, cani, cães, honden, hond, psów, "
    "собака, пес, кучета, σκύλος, "
    "köpek, köpekler",
    "cats, cat, Katzen, Katze, gatos, gato, gatti, gatto, katten, koty, kotów, кошка, кот, "
    "кішка, кіт, котка, γάτα, "
    "kedi, kediler",
    "wedding, weddings, Hochzeit, Hochzeiten, mariage, mariages, boda, bodas, matrimonio, "
    "casamento, bruiloft, ślub, śluby, wesele, свадьба, весілля, сватба, γάμος, "
    "düğün",
    "celebrities, celebrity, Promis, Prominente, célébrités, famosos, famosi, celebridades, "
    "celebrità, beroemdheden, celebryci, селебрити, знаменитості, διασημότητες, "
    "ünlüler",
    "medicine, Medizin, médecine, medicina, geneeskunde, medycyna, медицина, ιατρική, "
    "tıp",
    # Topic QA, stop 40: "Olympia" found 3 stories, "Jeux olympiques" 8, "Olympics" 20.
    "Olympics, Olympic Games, Olympia, Olympische Spiele, Jeux olympiques, Juegos Olímpicos, "
    "Olimpiadi, Giochi olimpici, Jogos Olímpicos, Olympische Spelen, igrzyska olimpijskie, "
    "Олимпиада, Олимпийские игры, Олімпіада, Олімпійські ігри, Олимпийски игри, Ολυμπιάδα, "
    "Ολυμπιακοί Αγώνες, "
    "olimpiyatlar, olimpiyat oyunları",
    # Reader QA, stop 43: "Flugzeug" found nothing "plane" found (the MH370 search), a
    # Spanish reader's quoted "Naciones Unidas" nothing of the UN, a French reader's quoted
    # "espèces menacées" nothing "Endangered Species" found. Not "Maschine" (a machine),
    # Italian "velivolo" (rare), "airliner" (one stem with "airline", a topic of its own).
    # ...and "Papst", "pape", "papa" found no pope, "Rassismus", "racismo" no racism, "Wahlen"
    # no German "Wahl" (a headline's "Israel-Wahl"). Not Dutch "paus" ("pause"); "papa" is
    # not looked for in other readers' news (`topics._FALSE_FRIENDS`: Papa John's).
    "pope, Papst, pape, papa, papież, Папа Римский, Папа Римський, римски папа",
    "racism, racist, racists, Rassismus, rassistisch, racisme, raciste, racismo, racista, "
    "razzismo, razzista, rasizm, расизм, расизъм, ρατσισμός, "
    "ırkçılık",
    # ...and "Mode", "moda" no fashion ("mode" is not looked for in other readers' news:
    # English "crisis mode").
    "fashion, Mode, mode, moda, мода, μόδα",
    "plane, planes, airplane, airplanes, aircraft, Flugzeug, Flugzeuge, avion, avions, "
    "avión, aviones, aereo, aerei, avião, aviões, vliegtuig, vliegtuigen, samolot, samoloty, "
    "самолёт, літак, самолет, αεροπλάνο, αεροσκάφος, "
    "uçak, uçaklar",
    "United Nations, Vereinte Nationen, Nations unies, Naciones Unidas, Nazioni Unite, "
    "Nações Unidas, Verenigde Naties, Organizacja Narodów Zjednoczonych, ONU, ООН, ΟΗΕ, "
    "Birleşmiş Milletler",
    "endangered species, bedrohte Arten, gefährdete Arten, espèces menacées, espèces en danger, "
    "especies amenazadas, especies en peligro, specie minacciate, specie in via di estinzione, "
    "espécies ameaçadas, bedreigde soorten, gatunki zagrożone, исчезающий вид, зникаючий вид, "
    "застрашени видове, απειλούμενο είδος, "
    "nesli tükenmekte olan türler",
    "fire, fires, Feuer, Brände, incendie, incendies, incendio, incendios, incendi, incêndio, "
    "incêndios, pożar, пожар, пожежа, πυρκαγιά, φωτιά, "
    "yangın",
    # Reader QA (stop 44): "Dinosaurier" found nothing "dinosaurs" found; "virtuelle
    # Realität" and "realidad virtual" nothing of Facebook buying Oculus VR.
    # QA, stop 58 F10: "nucléaire", "jądrowy", "nükleer", the words for space and "Poetin"
    # found nothing the English words found ("Poutine", a dish in English news, is looked
    # for in French stories only: `IN_LANGUAGE`).
    "nuclear, nuklear, nucléaire, nucleare, nucleair, jądrowy, jądrowa, atomowy, ядерный, "
    "ядерний, ядрен, πυρηνικός, πυρηνική, nükleer",
    "space, outer space, Weltraum, Raumfahrt, espace, espacio, spazio, espaço, ruimtevaart, "
    "kosmos, космос, διάστημα, uzay",
    "Putin, Vladimir Putin, Wladimir Putin, Poetin, Putín, Путин, Путін, Πούτιν",
    # Reader QA (stop 70 T8): a German reader's "Netanjahu" missed "Netanyahu heads to court";
    # names news spells differently by language, as Putin's (Gaddafi's even within English).
    "Netanyahu, Benjamin Netanyahu, Netanjahu, Benjamin Netanjahu, Nétanyahou, Netanyahou, "
    "Netanjahoe, Нетаньяху, Нетаньягу, Нетаняху, Νετανιάχου",
    "Zelensky, Volodymyr Zelensky, Zelenskyy, Selenskyj, Wolodymyr Selenskyj, Zelenski, "
    "Zelenskij, Zełenski, Зеленский, Зеленський, Зеленски, Ζελένσκι",
    "Lukashenko, Alexander Lukashenko, Lukaschenko, Loukachenko, Loekasjenko, Łukaszenka, "
    "Лукашенко, Λουκασένκο",
    "Navalny, Alexei Navalny, Nawalny, Alexej Nawalny, Navalni, Навальный, Навальний, "
    "Навални, Ναβάλνι",
    "Gaddafi, Gadhafi, Qaddafi, Gadaffi, Kadhafi, Gadafi, Gheddafi, Kaddafi, Каддафи, "
    "Каддафі, Кадафи, Καντάφι",
    "Khamenei, Chamenei, Jamenei, Хаменеи, Хаменеї, Хаменей, Χαμενεΐ",
    "Medvedev, Dmitry Medvedev, Medwedew, Medvédev, Miedwiediew, Медведев, Медведєв, "
    "Μεντβέντεφ",
    "Hezbollah, Hisbollah, Hezbolá, Hezbolah, Хезболла, Хизбула, Χεζμπολάχ",
    "dinosaur, dinosaurs, Dinosaurier, dinosaure, dinosaures, dinosaurio, dinosaurios, "
    "dinosauro, dinosauri, dinossauro, dinossauros, dinosaurus, dinosaurussen, dinozaur, "
    "dinozaury, динозавр, динозавър, δεινόσαυρος, "
    "dinozor",
    # A category's name of two words, quoted, is a phrase matched as written, and found
    # nothing in English news in the reader's words (QA, stop 67 P6: '"changement
    # climatique"', '"cambio climático"' found nothing where '"climate change"' found five
    # stories). Unquoted, these name the climate category (`category_data`), as before.
    "climate change, Klimawandel, changement climatique, cambio climático, "
    "cambiamento climatico, mudança climática, mudanças climáticas, klimaatverandering, "
    "zmiana klimatu, zmiany klimatu, изменение климата, зміна клімату, изменение на климата, "
    "κλιματική αλλαγή, iklim değişikliği",
    "global warming, Erderwärmung, globale Erwärmung, réchauffement climatique, "
    "calentamiento global, riscaldamento globale, aquecimento global, opwarming van de aarde, "
    "globalne ocieplenie, глобальное потепление, глобальне потепління, глобално затопляне, "
    "υπερθέρμανση του πλανήτη, küresel ısınma",
    # Reader QA (stop 74 R2): "-COVID-19", "-covid" and "-koronawirus" left the stories that
    # say "coronavirus", "-coronavirus" one that says "Corona-Krise" (German "Corona" is the
    # virus in German news only: `IN_LANGUAGE`; elsewhere a crown, a beer, a town).
    "coronavirus, Covid, Covid-19, SARS-CoV-2, coronavírus, "
    "koronawirus, коронавирус, коронавірус, κορονοϊός, κορωνοϊός, koronavirüs",
    "pandemic, pandemics, Pandemie, pandémie, pandemia, pandemie, pandemi, пандемия, "
    "пандемія, пандемия, πανδημία",
    # (a sport's name: its events are `INCLUDES`)
    "golf, golfer, golfers, golfista, golfiste, golfeur, гольф, γκολφ",
    "virtual reality, virtuelle Realität, réalité virtuelle, realidad virtual, realtà virtuale, "
    "realidade virtual, virtuele realiteit, wirtualna rzeczywistość, rzeczywistość wirtualna, "
    "виртуальная реальность, віртуальна реальність, виртуална реалност, "
    "εικονική πραγματικότητα, "
    "sanal gerçeklik",
)

# Words of a common topic that mean it to a reader of one language, and are another word to
# readers of others or in other news (left out of `TOPICS` for that): to a German reader
# "Brand" is a fire, to an English one a brand; "Kinder" are children, not Kinder Morgan;
# "Krebs" is cancer, not Chris Krebs; "Rente" a pension, not a rent once stemmed; "Handel"
# trade, not the composer. Such a word typed by a reader of its language finds its topic's
# stories in every language, and is looked for as written only in stories read as that
# language; other readers' words for the topic find it there too (`topics._ONLY_IN`). By the
# line's first word. Written for this project (stop 58: a German reader's "Brand" got
# "Nichts Neues zu: Brand." beside two supermarket fires, QA).
IN_LANGUAGE: dict[str, dict[str, str]] = {
    "de": {"fire": "Brand", "trade": "Handel", "pension": "Rente", "children": "Kinder",
           "cancer": "Krebs", "coronavirus": "Corona"},
    "nl": {"fire": "brand", "walkout": "staking, stakingen", "oil": "olie"},
    # (French "people" is celebrity news: QA, stop 58 F8, it found 59 stories at precision
    # 0.09, every English story about people)
    "fr": {"pension": "retraite, retraites", "protest": "manifestation, manifestations",
           "celebrities": "people", "Putin": "Poutine"},
    "es": {"children": "niños", "tax": "impuesto", "drugs": "droga"},
    "it": {"tax": "tasse", "women": "donne", "drugs": "droga"},
    "pt": {"drugs": "droga"},
    # ("Sinema" is Kyrsten Sinema in English news, "sel" French salt, and the vaccine's
    # word is a rebel too, unaccented)
    "tr": {"movies": "sinema", "stock market": "borsa", "flood": "sel", "vaccine": "aşı",
           "coronavirus": "korona"},
}

# Topics whose news takes in another's, by their lines' first words -> the other's words (a
# line's first word stands for its line): a reader of "pandemic" follows the coronavirus's
# news, one of golf the Ryder Cup's, and excludes them with it (reader QA, stop 74 R2, R9:
# "-pandemic" kept two COVID-19 stories, "-Golf" a Ryder Cup story that never says "golf").
# Not the other way round: a reader of the Ryder Cup does not follow every golf tournament.
INCLUDES: dict[str, str] = {
    "pandemic": "coronavirus",
    "golf": "Ryder Cup, Solheim Cup, PGA, LPGA, Masters Tournament, Augusta National",
}
