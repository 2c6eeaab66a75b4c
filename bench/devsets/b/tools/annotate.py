"""Build gold JSONL for dev set 2 from (prefix, suffix) span specs; asserts offsets."""
import json, sys
from collections import Counter
BASE = '/work/notes/devset2'
A, R, D = 'author', 'reported', 'direct'
C, S, N = 'critical', 'supportive', 'neutral'
UW, TT, AZ, AR, PG, AI, MR, TC, SE, MC, TL, LV, FP, CW, WR = (
    'ukraine_war', 'turkey_ties', 'azerbaijan_ties', 'arms_sales', 'pashinyan_government',
    'armenian_intransigence', 'mediator_role', 'transport_corridor', 'sanctions_economy',
    'military_capacity', 'territorial_law', 'leverage', 'foreign_policy_doctrine',
    'csto_weakness', 'western_rivalry')
PAS = ('Nikol Pashinyan', ['pashinyan'])
ZAK = ('Maria Zakharova', ['zakharova'])
PES = ('Dmitry Peskov', ['peskov'])
def sp(name, keys): return (name, keys)
AUT = (None, None)
# entry: (prefix, suffix, (speaker, keys), attribution, stance, reasons[, dup_index])
SPEC = {}
SPEC['01_wire_lachin.txt'] = [
 ('Armenia accuses Russian peacekeepers', 'stays shut', sp('Armenia', ['armenia']), R, C, []),
 ('Armenia on Tuesday accused', 'medicine spread.', sp('Armenia', ['armenia']), R, C, []),
 ('Prime Minister Nikol Pashinyan told', 'stopped functioning.', PAS, R, C, []),
 ('"The peacekeepers are either', 'he said.', PAS, D, C, []),
 ('He suggested that Armenia could ask', 'did not change.', PAS, R, N, []),
 ("Russia's foreign ministry rejected", 'the criticism.', sp("Russia's foreign ministry", ['ministry']), R, S, []),
 ('Spokeswoman Maria Zakharova said', 'and Yerevan.', ZAK, R, S, []),
 ('"Public attacks', 'people of Karabakh."', ZAK, D, S, []),
 ('Russian armoured vehicles have stood', 'clear the road.', AUT, A, C, []),
 ('Elnur Mammadli, a spokesman', 'campaign."', sp('Elnur Mammadli', ['mammadli']), R, N, []),
 ('"We have good cooperation', 'as temporary.', sp('Elnur Mammadli', ['mammadli']), D, S, []),
 ('The Kremlin has kept a lower profile.', 'profile.', AUT, A, N, []),
 ('Asked about the corridor', 'of a settlement.', PES, R, N, []),
 ('For many Armenians', 'with Baku.', sp('many Armenians', ['armenians']), R, C, [UW, AZ, TT]),
 ('"Russia is no longer in a position', 'in Yerevan.', sp('Areg Kocharyan', ['kocharyan']), D, N, [AZ, MC]),
 ('"The peacekeepers are there', 'alive."', sp('Areg Kocharyan', ['kocharyan']), D, C, [LV]),
 ('In Moscow, some commentators argue', 'misplaced.', sp('some commentators in Moscow', ['commentators']), R, S, []),
 ('Vadim Sokolov of the Centre', 'rather than soldiers.', sp('Vadim Sokolov', ['sokolov']), R, S, []),
 ('"Yerevan wants Russian soldiers', 'he said.', sp('Vadim Sokolov', ['sokolov']), D, S, [AI]),
 ('Under the nine-point statement', 'on the road.', AUT, A, N, []),
 ('In Stepanakert, the regional capital', 'de facto authorities.', sp("the region's de facto authorities", ['authorities']), R, N, []),
 ('"We were told the Russians', 'protect the road.', sp('Ruzanna', ['ruzanna']), D, C, []),
 ('Now we watch them', 'first name.', sp('Ruzanna', ['ruzanna']), D, C, []),
 ('Yerevan has also grown openly frustrated', 'Organization.', AUT, A, N, []),
 ('At a summit of the bloc', 'Armenian territory.', PAS, R, C, [CW]),
]
BEL = sp('Andrei Belyakov', ['belyakov']); HAK = sp('Samvel Hakobyan', ['hakobyan'])
SAR = sp('Tatevik Sargsyan', ['sargsyan']); AVA = sp('Nune Avagyan', ['avagyan'])
SPEC['02_news_csto_freeze.txt'] = [
 ('Armenia puts CSTO membership', 'Moscow’s silence', AUT, A, C, [CW]),
 ('In an interview with a French', '2021 and 2022.', PAS, R, C, [CW]),
 ('“The CSTO did not fulfil', 'on the agenda.', PAS, D, C, [CW]),
 ('The Kremlin said it had received', 'notification.', sp('the Kremlin', ['kremlin']), R, N, []),
 ('“We are not aware', 'for its members.”', PES, D, S, []),
 ('The alliance’s secretariat said', 'had been filed.', sp('the alliance’s secretariat', ['secretariat']), R, N, []),
 ('When Azerbaijani shells landed', 'military assistance.', AUT, A, N, []),
 ('What it received, after several days', 'offer of observers.', AUT, A, C, [CW]),
 ('Within a month, it was the European Union', 'into town.', AUT, A, C, [CW]),
 ('“The Europeans came with binoculars', 'since the fighting.', HAK, D, C, []),
 ('“At least the binoculars', 'right direction.”', HAK, D, C, []),
 ('Nune Avagyan, a pharmacist', 'too abruptly.', AVA, R, N, [LV]),
 ('“We are a small country', 'she said.', AVA, D, N, [LV]),
 ('Analysts in Moscow played down', 'announcement.', sp('analysts in Moscow', ['analysts']), R, N, []),
 ('Andrei Belyakov, a specialist', 'and Washington.', BEL, R, S, [PG, WR]),
 ('“Yerevan cannot freeze', 'he said.', BEL, D, S, [PG]),
 ('He argued that the CSTO’s obligations', 'turned down.', BEL, R, S, [TL]),
 ('Azerbaijan, which is not a member', 'official comment.', AUT, A, N, [AZ]),
 ('Western diplomats in Yerevan describe', 'significant.', sp('Western diplomats in Yerevan', ['diplomats']), R, N, []),
 ('“Nobody expects Armenia', 'not to be named.', sp('one European diplomat', ['diplomat']), D, N, []),
 ('Tatevik Sargsyan, a researcher', 'security of Karabakh.', SAR, R, N, [LV]),
 ('“For thirty years, Armenia paid', 'Sargsyan said.', SAR, D, C, [LV]),
 ('“In 2022 it discovered', 'not provided.”', SAR, D, C, []),
 ('“If the monitors stay', 'he said.', HAK, D, N, []),
]
BAR = sp('Anush Barseghyan', ['barseghyan']); MIR = sp('Rauf Mirzayev', ['mirzayev']); WOL = sp('Katarzyna Wolska', ['wolska'])
SPEC['03_wire_peacekeepers_exit.txt'] = [
 ('Russian peacekeepers begin leaving', 'Kremlin confirms', sp('the Kremlin', ['kremlin']), R, N, []),
 ('Russian peacekeepers have begun withdrawing', 'on Wednesday.', sp('the Kremlin', ['kremlin']), R, N, []),
 ('The pullout ends', 'South Caucasus.', AUT, A, N, []),
 ('"The decision was taken jointly', 'orderly way.', PES, D, N, []),
 ("Azerbaijan's presidential administration said", 'confidence-building."', sp("Azerbaijan's presidential administration", ['administration']), R, S, []),
 ('Around 2,000 Russian troops', 'six weeks of war.', AUT, A, N, []),
 ('Their mandate, renewable', 'November 2025.', AUT, A, N, []),
 ('Armenian Foreign Ministry spokeswoman Anush Barseghyan', '2020 statement.', BAR, R, C, []),
 ('"Apparently three signatures', 'she said.', BAR, D, C, []),
 ('Armenian officials have accused', 'flee to Armenia.', sp('Armenian officials', ['officials']), R, C, []),
 ('Russian officials reject that account', 'the offensive.', sp('Russian officials', ['officials']), R, S, []),
 ('Some Azerbaijani commentators see', 'a milestone.', sp('some Azerbaijani commentators', ['commentators']), R, N, []),
 ('"For the first time since 1991', 'political analyst.', MIR, D, N, []),
 ('He said Moscow had little reason', 'on staying.', MIR, R, N, []),
 ('"Russia needs Azerbaijan', 'for the Caspian.', MIR, D, N, [AZ, TC]),
 ('A few hundred soldiers in Khankendi', 'Mirzayev said.', MIR, D, N, [AZ]),
 ('Analysts in the West said', 'invaded Ukraine.', sp('analysts in the West', ['analysts']), R, N, [UW]),
 ('"Moscow no longer has the troops', 'Eastern Affairs.', WOL, D, N, [UW, MC, AZ]),
 ('"It also tells Armenians', 'she added.', WOL, D, C, []),
 ('The withdrawal comes as relations', 'since independence.', AUT, A, N, []),
 ('Armenia has frozen its participation', 'by August.', AUT, A, N, []),
 ("Russia's foreign ministry has accused", 'Western pressure.', sp("Russia's foreign ministry", ['ministry']), R, S, [PG, WR]),
 ('Spokeswoman Maria Zakharova said last month', 'and Brussels.', ZAK, R, S, [PG, WR]),
 ('Pashinyan has said Armenia has no plans', 'until 2044.', PAS, R, N, []),
 ('But he told parliament', 'for its security.', PAS, R, C, []),
 ('"We made that mistake', 'he said.', PAS, D, C, []),
 ('In Baku, officials have been careful', 'friendly parting.', sp('officials in Baku', ['officials']), R, N, []),
 ('According to Azerbaijan', 'being closed.', sp("Azerbaijan's defence ministry", ['ministry']), R, N, []),
]
RUD = sp('Konstantin Rudnev', ['rudnev'])
SPEC['04_analysis_april_war.txt'] = [
 ('Selling to Both Sides', 'Caucasus Strategy', AUT, A, N, [AR]),
 ('The fighting stopped on 5 April', 'any communiqué.', AUT, A, N, [MR]),
 ('For students of Russian policy', 'arms trade.', AUT, A, N, [AR]),
 ('Azerbaijan’s army fought in April 2016', '$4 billion.', AUT, A, N, [AR]),
 ('Armenia, a treaty ally', 'smaller quantities.', AUT, A, N, [AR]),
 ('The asymmetry provoked', 'in Yerevan.', AUT, A, N, [AR]),
 ('Armenian commentators asked', 'at Armenians.', sp('Armenian commentators', ['commentators']), R, C, [AR]),
 ('Russian Prime Minister Dmitry Medvedev’s reply', 'would suffer.', sp('Dmitry Medvedev', ['medvedev']), R, S, [AR]),
 ('Three explanations for the policy', 'mutually exclusive.', AUT, A, N, []),
 ('The first is commercial', 'on time.', AUT, A, N, [AR, SE, AZ]),
 ('By supplying Baku', 'Economic Union.', AUT, A, N, [AR, AZ, WR]),
 ('The third explanation is the one', 'of the conflict.', AUT, A, N, [AR, LV]),
 ('A military balance that Moscow', 'indispensable.', AUT, A, N, [AR, LV, MR]),
 ('Moscow’s conduct during and after', 'this reading.', AUT, A, N, [LV]),
 ('Russia condemned neither side', 'on the ground.', AUT, A, N, [MR]),
 ('Yerevan resisted the plan,', 'resisted the plan,', AUT, A, N, [AI]),
 ('Moscow’s diplomats would later', 'a compromise.', sp('Moscow’s diplomats', ['diplomats']), R, S, [AI]),
 ('Not everyone accepts the thermostat thesis.', 'thesis.', AUT, A, N, [LV]),
 ('Konstantin Rudnev, a Moscow-based', 'out of the region.', RUD, R, S, [AR]),
 ('Rudnev also notes', 'Su-30SM fighters.', RUD, R, S, [AR]),
 ('Armenian analysts reply', 'whenever it chose.', sp('Armenian analysts', ['analysts']), R, C, [AR, LV]),
 ('In retrospect, the April war', 'at once.', AUT, A, C, [AR, MR]),
 ('That arrangement worked only', 'by force.', AUT, A, N, []),
]
SPEC['05_analysis_corridors.txt'] = [
 ("Roads, Rails and Leverage", "Caucasus Policy", AUT, A, N, [TC, LV]),
 ("Discussions of Russia's behaviour", "Moscow's choices.", AUT, A, N, [TC]),
 ('Article 9 of the trilateral statement', 'Federal Security Service.', AUT, A, N, [TC]),
 ('For Moscow, the clause was a prize', 'by land.', AUT, A, N, [TC]),
 ('Since 2022 the stakes have grown.', 'grown.', AUT, A, N, []),
 ('Cut off from European markets', 'strategic priority.', AUT, A, N, [SE, TC]),
 ("The corridor's western branch", 'railway link.', AUT, A, N, [TC]),
 ('In practical terms, this makes Baku', 'to alienate.', AUT, A, N, [AZ, TC]),
 ('A senior Russian transport official', 'not work."', sp('a senior Russian transport official', ['official']), D, N, [AZ, TC]),
 ('Its railway network has been managed', 'distribution system.', AUT, A, N, [LV]),
 ("The Pashinyan government's", 'foreign border guards.', AUT, A, N, [TC]),
 ('Moscow has made little secret', 'irritation.', AUT, A, N, [PG, TC]),
 ('Deputy Prime Minister Alexei Overchuk', 'remain binding.', sp('Alexei Overchuk', ['overchuk']), R, N, [TC]),
 ('Turkey complicates the picture further.', 'further.', AUT, A, N, [TT]),
 ('A route through Armenia', 'Russian routes.', AUT, A, N, [TT, TC]),
 ('Moscow has therefore been keen', 'cannot supervise.', AUT, A, N, [TC, TT]),
 ('Iran adds another constraint.', 'constraint.', AUT, A, N, []),
 ('Tehran opposes any change', 'circumvents sanctions.', AUT, A, N, [TC, UW, SE]),
 ('The result is a policy that looks', 'single thread.', AUT, A, N, []),
 ("Russia wants the region's roads", 'along the way.', AUT, A, N, [TC, SE, LV, AZ]),
 ('What it has offered Armenia', 'harder to identify.', AUT, A, C, [TC]),
 ('As Gohar Melikyan', 'own access."', sp('Gohar Melikyan', ['melikyan']), D, C, [TC]),
 ('Western governments, which have offered', 'same routes.', AUT, A, N, [WR, TC]),
 ('A settlement that reopens the border', 'in public.', AUT, A, N, [TC, LV]),
 ('That alone makes Russia an interested party', 'regional transport.', AUT, A, C, [TC, MR]),
]
SPEC['06_brief_ukraine_effect.txt'] = [
 ('After February 2022', 'Baku and Yerevan', AUT, A, N, [UW]),
 ('Russia’s retreat from its traditional role', 'dramatically.', AUT, A, N, [UW]),
 ('This brief identifies four channels', '2022 and 2024.', AUT, A, N, [UW]),
 ('The first channel is military', 'Ukrainian front.', sp('Armenian and Western officials', ['officials']), R, N, [UW, MC]),
 ('Azerbaijan tested the consequences', 'Russian army.', AUT, A, N, [UW, MC]),
 ('The timing was hardly coincidental.', 'coincidental.', AUT, A, N, [UW]),
 ('Sanctions made the Caucasus', 'route to Iran.', AUT, A, N, [SE, TT, AZ, TC]),
 ('Armenia, too, benefited', 'point out.', AUT, A, N, [SE]),
 ('Two days before the invasion', 'treaty partner.', AUT, A, N, [AZ]),
 ('Turkey’s refusal to join', 'closest ally.', AUT, A, N, [TT, SE, UW]),
 ('The fourth channel is political', 'with Azerbaijan.', AUT, A, N, [UW, PG, WR]),
 ('Moscow described the mission', 'of the region.', sp('Moscow', ['moscow']), R, N, [WR]),
 ('The Russian foreign ministry repeatedly argued', 'appropriate choice,', sp('the Russian foreign ministry', ['ministry']), R, S, [WR]),
 ('a proposal Yerevan had rejected', 'as the aggressor.', AUT, A, N, [CW]),
 ('Taken together, these channels', 'Baku’s terms.', AUT, A, N, [UW]),
 ('They do not excuse the passivity', 'intelligible.', AUT, A, C, []),
 ('For Armenia, the lesson', 'in Ukraine.', AUT, A, C, [UW]),
 ('For the West, the lesson is different', 'with the West.', AUT, A, N, [WR]),
 ('For Azerbaijan, Russia’s distraction', 'with Moscow.', AUT, A, N, [UW]),
 ('Should the war in Ukraine end', 'means to try.', AUT, A, N, [UW, LV]),
 ('As one Russian diplomat told', 'we are waiting.”', sp('one Russian diplomat', ['diplomat']), D, N, [FP]),
]
SPEC['07_oped_armenian.txt'] = [
 ('The Ally Who Sent a Delegation', 'Delegation', AUT, A, C, [CW]),
 ('By the next morning Armenia had formally asked', 'attack on all.', AUT, A, N, []),
 ('The alliance answered with a delegation.', 'delegation.', AUT, A, C, [CW]),
 ('Its secretary-general toured', 'still being prepared.', AUT, A, C, [CW]),
 ('But there is a difference', 'the two apart.', AUT, A, C, []),
 ('The response from Moscow', 'crossed the border.', AUT, A, C, []),
 ('In September 2022 the incursion', 'response shorter.', AUT, A, C, []),
 ("At the bloc's summit in Yerevan", 'help Armenia,', sp('Vladimir Putin', ['putin']), R, N, []),
 ('and then spent much', 'it had not.', AUT, A, C, [CW]),
 ("We are told that Russia's hands", 'in Ukraine.', AUT, A, C, [UW]),
 ('That Moscow could not risk', 'Ankara and Baku.', AUT, A, C, [TT, AZ]),
 ('That the CSTO acts by consensus', 'not there.', AUT, A, C, [CW]),
 ('Each of these may be true.', 'true.', AUT, A, N, []),
 ('None of them was mentioned', 'other arrangements.', AUT, A, C, [AR, LV]),
 ('In 2021 Armenia paid roughly', 'Russian arms.', AUT, A, N, [AR]),
 ('By the autumn of 2023 most', 'delivered.', AUT, A, C, [AR]),
 ('Russian officials explained', 'urgent needs.', sp('Russian officials', ['officials']), R, N, [AR, MC]),
 ('One does not need to be a cynic', 'own border.', AUT, A, C, [AR, UW]),
 ('Then there were the peacekeepers', 'left along it.', AUT, A, C, []),
 ('Russian diplomats say the peacekeepers', "Azerbaijan's territory.", sp('Russian diplomats', ['diplomats']), R, S, [TL]),
 ('But it is curious how precisely', 'became convenient.', AUT, A, C, []),
 ('Russia is a large neighbour', 'pass through it.', AUT, A, N, [LV]),
 ('But a country that freezes', 'the invoice.', AUT, A, C, [CW]),
 ("Moscow's commentators now warn", 'for Armenia.', sp("Moscow's commentators", ['commentators']), R, S, []),
 ('Neither, it turned out, did Russia', 'promised to.', AUT, A, C, []),
]
FWD = sp('a former Western diplomat', ['diplomat'])
SPEC['08_oped_western.txt'] = [
 ('Moscow’s Peacekeepers Kept', 'Suited Moscow', AUT, A, C, [LV]),
 ('When Russian armoured columns', 'a masterstroke.', AUT, A, N, []),
 ('Vladimir Putin had stopped a war', 'firing a shot.', AUT, A, N, [MR, LV]),
 ('Four years later', 'served the Kremlin.', AUT, A, C, []),
 ('It is worth asking what', 'were for.', AUT, A, C, []),
 ('The 2020 statement gave them', 'Yerevan’s gratitude.', AUT, A, N, [AZ]),
 ('A peacekeeping force whose', 'party happy.', AUT, A, C, [AZ]),
 ('That incentive explains a great deal.', 'deal.', AUT, A, C, [AZ]),
 ('When Azerbaijani “eco-activists”', 'for months.', AUT, A, C, []),
 ('When Azerbaijan installed a checkpoint', 'expressed “concern.”', AUT, A, C, []),
 ('When the International Court', 'anything differently.', AUT, A, C, []),
 ('Defenders of Moscow’s record', 'as Azerbaijani.', AUT, A, C, [UW, MC, TL]),
 ('But those arguments would be', 'pressing to do.', AUT, A, C, []),
 ('The more plausible reading', 'wanted solved.', AUT, A, C, [LV]),
 ('An unresolved Karabakh kept', 'dependence physical.', AUT, A, C, [LV]),
 ('The Kremlin’s hostility to Nikol Pashinyan', 'the calculation.', AUT, A, C, [PG]),
 ('“Russia never lost Karabakh', 'last year.', FWD, D, C, []),
 ('“It intended to keep it', 'as a lever.”', FWD, D, C, [LV]),
 ('Washington and Paris, co-chairs', 'when it failed.', AUT, A, C, []),
 ('Moscow calls Europe’s monitoring', 'Trojan horse.', sp('Moscow', ['moscow']), R, N, [WR]),
 ('Yet the mission, unarmed', 'entire existence.', AUT, A, C, [CW]),
 ('The lesson for Armenia', 'the seller knows.', AUT, A, C, [LV]),
 ('Russia kept the peace in Karabakh', 'useful to Russia.', AUT, A, C, [LV]),
]
SPEC['09_oped_russian.txt'] = [
 ('Russia Kept Its Word', 'Changed the Subject', AUT, A, S, []),
 ('For four years, Russian soldiers', 'kept people alive.', AUT, A, S, []),
 ('Today, in Yerevan and in Western', 'went wrong.', AUT, A, S, []),
 ('It was Vladimir Putin who', 'three more years.', AUT, A, S, []),
 ("Under the statement, Russia's obligations", 'Lachin corridor.', AUT, A, N, []),
 ('Nowhere did it authorise', "as Azerbaijan's.", AUT, A, S, [TL]),
 ('That recognition is not a Russian invention.', 'invention.', AUT, A, S, [TL]),
 ('In Prague in October 2022', 'includes Karabakh.', AUT, A, N, [TL]),
 ('Having signed away the claim', 'defend it.', AUT, A, S, [TL]),
 ('The same logic applies to the CSTO', 'of its members.', AUT, A, S, [TL]),
 ('As for the border clashes', 'has not drawn.', AUT, A, S, [TL]),
 ('The CSTO offered a monitoring mission', 'instead.', AUT, A, S, [PG, WR]),
 ("Here lies the real cause", 'troubles.', AUT, A, S, []),
 ('Since 2018, its government', 'and Washington.', AUT, A, S, [PG, WR]),
 ('One cannot host American', 'privileged ally.', AUT, A, S, [PG, WR, UW]),
 ('It is also convenient to forget', 'before 2020.', AUT, A, S, [AI]),
 ('As Foreign Minister Sergei Lavrov', 'the catastrophe.', sp('Sergei Lavrov', ['lavrov']), R, S, [AI]),
 ('Yerevan preferred to keep', 'run out.', AUT, A, S, [AI]),
 ('Meanwhile, those who now lecture', 'did nothing.', AUT, A, S, []),
 ('The Minsk Group co-chairs', 'two armies.', AUT, A, S, []),
 ("Russia's restraint in September 2023", 'away from it.', AUT, A, S, [TL, PG, FP]),
 ('Armenians deserve leaders honest', 'tell them so.', AUT, A, S, []),
 ("Russia's base in Gyumri remains", 'friendship.', AUT, A, S, []),
]
VAR = sp('Oleg Varlamov', ['varlamov'])
SPEC['10_interview_varlamov.txt'] = [
 ('‘The West wants Russia out', 'Yerevan is helping’', VAR, D, S, [WR, PG]),
 ('We spoke to him in March 2024', 'in the CSTO.', AUT, A, N, []),
 ('No, and the Armenian leadership knows it.', 'knows it.', VAR, D, S, []),
 ('The treaty obliges members', 'never been demarcated.', VAR, D, S, [TL]),
 ('The CSTO proposed a monitoring mission', 'instead.', VAR, D, S, [PG, WR]),
 ('Many Armenians say the peacekeepers', 'was closed.', sp('many Armenians', ['armenians']), R, C, []),
 ('They did not just watch', 'Red Cross delivery.', VAR, D, S, []),
 ('But a contingent of two thousand', 'Azerbaijani territory.', VAR, D, S, [MC, TL]),
 ('If Yerevan wanted a mission', 'complaining later.', VAR, D, S, []),
 ('Of course the special military operation', 'pretend otherwise.', VAR, D, N, [UW, MC]),
 ('But the idea that Russia abandoned', 'fairy tale.', VAR, D, S, [UW]),
 ("Russia's position on Karabakh", 'by agreement.', VAR, D, N, [TL]),
 ('Because Azerbaijan is a neighbour', 'insulting Russia.', VAR, D, N, [AZ, TC, PG]),
 ('Good relations with Baku', 'at all.', VAR, D, S, [AZ, MR]),
 ('Turkey matters too', 'as well as here.', VAR, D, N, [TT]),
 ('It is a political project', 'has no business.', VAR, D, S, [WR]),
 ('The current government would like to', 'encourage it.', VAR, D, S, [PG, WR]),
 ('But geography is stubborn', 'in Gyumri.', VAR, D, N, [LV]),
 ('When the emotions settle', 'still there.', VAR, D, S, []),
]
BRA = sp('Elisabeth Brandt', ['brandt']); KUZ = sp('Pavel Kuznetsov', ['kuznetsov'])
SPEC['11_feature_interview_brandt.txt'] = [
 ('"Russia never had a Karabakh policy', 'only a Russia policy"', BRA, D, N, [FP]),
 ('When we met in her office', 'left Karabakh.', AUT, A, N, []),
 ('Brandt does not like the word betrayal.', 'betrayal.', BRA, R, N, []),
 ('"It assumes that Moscow', 'she said.', BRA, D, N, []),
 ('"I\'m not sure that commitment', 'imagined."', BRA, D, N, []),
 ('What Russia had, in her view', 'indispensable.', BRA, R, N, [MR, LV]),
 ('From the 1994 ceasefire onwards', 'sign a deal.', BRA, R, N, [MR, LV, AR]),
 ('"The April war in 2016', 'she said.', BRA, D, N, []),
 ('"The fighting stopped in Moscow', 'held the keys."', BRA, D, N, [AR, MR, LV]),
 ('Asked about the 2018 revolution', 'often assumed.', BRA, R, N, [PG]),
 ('Moscow did not try to overturn', 'ties to Russia.', BRA, R, N, [PG]),
 ('"They tolerated Pashinyan,"', 'invested in him."', BRA, D, N, [PG]),
 ("The 2020 war, in Brandt's account", 'to unravel.', BRA, R, N, []),
 ('The trilateral statement put', 'stepping in.', BRA, R, C, [TT, AZ]),
 ('"Erdogan was the first leader', 'she said.', BRA, D, N, [TT]),
 ('"And Putin decided to accommodate', 'confront him."', BRA, D, N, [TT]),
 ('Pavel Kuznetsov, a Moscow-based', 'to themselves.', KUZ, R, S, []),
 ('As he put it when we spoke', 'save Karabakh."', KUZ, D, S, []),
 ('"Pavel is right that the West', 'she said.', BRA, D, N, []),
 ('"But the West had not signed', 'corridor open."', BRA, D, C, []),
 ('The war in Ukraine, she argued', 'dependence.', BRA, R, N, [UW]),
 ('With European markets closed', 'what that meant.', BRA, R, N, [SE, TT, AZ, TC]),
 ('"In 2020 Russia was the broker.', 'the broker.', BRA, D, N, [MR]),
 ('By 2023 it was a guest', 'she said.', BRA, D, N, [AZ]),
 ('"The organisation has never been', 'attached."', BRA, D, C, [CW]),
 ("Armenia's freeze, she predicted", 'Turkey and Iran.', BRA, R, N, [LV]),
 ('Asked what Russia wants now', 'than it looked.', BRA, R, N, []),
 ('"Moscow no longer expects', 'she said.', BRA, D, N, [FP]),
 ('"It wants to make sure nobody', 'the Turks."', BRA, D, N, [WR, TT]),
 ('She is sceptical of claims', 'Russian soldiers.', BRA, R, N, []),
 ('"They are a deterrent', 'she said.', BRA, D, N, []),
 ('"But after thirty years', 'reliable currency."', BRA, D, C, []),
 ('"Russia never had a Karabakh policy', 'she said.', BRA, D, N, [FP], 0),
]
MEL = sp('Ashot Melkonyan', ['melkonyan']); HOV = sp('Siranush Hovhannisyan', ['hovhannisyan']); ASA = sp('Vardan Asatryan', ['asatryan'])
SPEC['12_feature_kornidzor.txt'] = [
 ('In a border village', 'meant to guard it', AUT, A, C, []),
 ('Melkonyan, the village’s elected head', 'still open.', MEL, R, N, []),
 ('“In 2020 the Russians were', 'he said.', MEL, D, S, []),
 ('The Russian checkpoint a few hundred', 'the tents.', AUT, A, C, []),
 ('“We watched from the hill,”', 'construction site.”', MEL, D, C, []),
 ('She does not blame the peacekeepers', 'themselves.', HOV, R, S, []),
 ('“When the shooting started', 'she said.', HOV, D, S, []),
 ('“But soldiers do what they are ordered', 'to wait.”', HOV, D, C, []),
 ('According to the Russian embassy', 'Armenian border.', sp('the Russian embassy in Yerevan', ['embassy']), R, N, []),
 ('Russian officials have repeatedly said', 'the operation.', sp('Russian officials', ['officials']), R, S, []),
 ('“The Europeans write everything down,”', 'even did that.”', MEL, D, C, []),
 ('“People say Russia abandoned us', 'he said.', ASA, D, N, []),
 ('“The Europeans have cameras', 'fight for us.”', ASA, D, C, []),
 ('The Armenian government, which in 2024 froze', 'France and India.', sp('the Armenian government', ['government']), R, N, []),
 ('Moscow has called that course', 'with promises.”', sp('Moscow', ['moscow']), R, S, [PG, WR]),
 ('She said she had once believed', 'for a generation.', HOV, R, N, []),
 ('“They were supposed to be there', 'she said.', HOV, D, N, []),
 ('“They left before we could', 'to look.”', HOV, D, C, []),
]
REASONS = {UW, TT, AZ, AR, PG, AI, MR, TC, SE, MC, TL, LV, FP, CW, WR}

def build(name, spec):
    text = open(f'{BASE}/text/{name}', encoding='utf-8').read()
    rows, pos = [], 0
    for e in spec:
        pre, suf, (spk, keys), attr, st, rs = e[:6]
        dup = e[6] if len(e) > 6 else None
        s = text.find(pre, pos)
        assert s >= 0, (name, pre)
        end = text.find(suf, s + len(pre) - len(suf) if suf in pre else s)
        assert end >= 0, (name, suf)
        end += len(suf)
        span = text[s:end]
        assert '\n' not in span, (name, pre, span)
        assert len(span) < 600, (name, pre, len(span))
        assert set(rs) <= REASONS and attr in (A, R, D) and st in (C, S, N), e
        assert len(set(rs)) == len(rs), e
        assert (spk is None) == (attr == A), e
        if rows:
            assert s >= rows[-1]['end'], ('overlap/out of order', name, pre)
        row = {'article': name, 'start': s, 'end': end, 'text': span, 'speaker': spk,
               'speaker_keys': keys if spk else None, 'attribution': attr, 'stance': st,
               'reasons': rs, 'duplicate_of': rows[dup]['start'] if dup is not None else None}
        assert text[row['start']:row['end']] == row['text']
        if spk:
            assert all(k.lower() == k for k in keys), keys
        rows.append(row)
        pos = s + 1
    return rows

if __name__ == '__main__':
    allrows = []
    for name, spec in SPEC.items():
        rows = build(name, spec)
        with open(f'{BASE}/gold/{name[:-4]}.jsonl', 'w', encoding='utf-8') as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + '\n')
        allrows += rows
        st = Counter(r['stance'] for r in rows)
        print(f"{name:36s} claims={len(rows):3d} words={len(open(f'{BASE}/text/{name}', encoding='utf-8').read().split())} {dict(st)}")
    with open(f'{BASE}/selfcheck_pred.jsonl', 'w', encoding='utf-8') as f:
        for r in allrows:
            p = dict(r); p['id'] = r['start']
            f.write(json.dumps(p, ensure_ascii=False) + '\n')
    n = len(allrows)
    for k in ('stance', 'attribution'):
        c = Counter(r[k] for r in allrows)
        print(k, {a: f'{b} ({b/n:.0%})' for a, b in c.items()})
    print('reasons', dict(Counter(x for r in allrows for x in r['reasons']).most_common()))
    print('total', n, 'named', sum(1 for r in allrows if r['speaker']))
