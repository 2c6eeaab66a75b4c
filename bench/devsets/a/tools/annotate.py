"""Build gold JSONL for the dev set from (prefix, suffix) span specs; asserts offsets."""
import json, os
BASE = '/work/notes/devset'
A, R, D = 'author', 'reported', 'direct'
C, S, N = 'critical', 'supportive', 'neutral'
# entry: (prefix, suffix, speaker, keys, attribution, stance, reasons[, dup_index])
SPEC = {}
SPEC['01_wire.txt'] = [
 ('Kremlin rejects Armenian', 'did all they could"', 'the Kremlin', ['kremlin'], R, S, []),
 ('The Kremlin on Tuesday rejected', "offensive last week.", 'the Kremlin', ['kremlin'], R, S, []),
 ('"Russian peacekeepers did all', 'conference call.', 'Dmitry Peskov', ['peskov'], D, S, []),
 ('"Attempts to shift', 'unacceptable."', 'Dmitry Peskov', ['peskov'], D, S, []),
 ('Peskov said the Russian contingent', 'the wounded.', 'Dmitry Peskov', ['peskov'], R, N, []),
 ('Armenian Prime Minister Nikol Pashinyan, in a televised', "country's interests.", 'Nikol Pashinyan', ['pashinyan'], R, C, ['csto_weakness']),
 ('"The events of the past week', 'Pashinyan said.', 'Nikol Pashinyan', ['pashinyan'], D, C, ['csto_weakness']),
 ('"This is not a conclusion', 'honest conclusion."', 'Nikol Pashinyan', ['pashinyan'], D, C, []),
 ("Azerbaijan's foreign ministry, in a statement", 'the ceasefire.', "Azerbaijan's foreign ministry", ['azerbaijan'], R, S, []),
 ('"Azerbaijan is guaranteeing', 'unwarranted interference.', "Azerbaijan's foreign ministry", ['azerbaijan'], D, N, []),
 ('The dispute has exposed', 'security guarantees.', None, None, A, N, []),
 ('Russian Foreign Ministry spokeswoman Maria Zakharova went further', 'scapegoats.', 'Maria Zakharova', ['zakharova'], R, S, ['pashinyan_government']),
 ('"It was not Russia that recognised', 'leadership itself."', 'Maria Zakharova', ['zakharova'], D, S, ['territorial_law']),
 ('Armenian Foreign Ministry spokeswoman Lusine Martirosyan said', 'its wars.', 'Lusine Martirosyan', ['martirosyan'], R, N, []),
 ('"What we asked," she said', 'they were not."', 'Lusine Martirosyan', ['martirosyan'], D, C, []),
 ('A senior Armenian official', 'produced anything."', 'a senior Armenian official', ['official'], R, C, ['csto_weakness']),
 ('Moscow has repeatedly said', 'Nagorno-Karabakh.', 'Moscow', ['moscow'], R, N, ['territorial_law']),
 ('According to the Armenian government', 'clothes they wore.', 'the Armenian government', ['government'], R, N, []),
 ('Pashinyan has said Armenia is not planning', 'and summits.', 'Nikol Pashinyan', ['pashinyan'], R, N, []),
 ('The Kremlin said Russian President', 'since 2020.', 'the Kremlin', ['kremlin'], R, N, []),
 ('Russia has sought for decades', 'former Soviet republics', None, None, A, N, ['mediator_role']),
 ('a Kremlin source said', 'in Yerevan."', 'a Kremlin source', ['source'], R, N, ['mediator_role']),
]
SPEC['02_thinktank.txt'] = [
 ('Why Moscow Stood Aside', 'Caucasus Calculus', None, None, A, N, []),
 ('When Azerbaijan’s forces swept', 'did not intervene.', None, None, A, N, []),
 ('To many Armenians this looked', 'three years.', None, None, A, N, []),
 ('The first and most obvious factor', 'war in Ukraine.', None, None, A, N, ['ukraine_war']),
 ('Since February 2022, Russia', 'South Caucasus.', None, None, A, N, ['ukraine_war', 'military_capacity']),
 ('Several units that had rotated', 'Azerbaijani army.', None, None, A, N, ['ukraine_war', 'military_capacity']),
 ('Closely linked is Russia’s relationship', 'with Turkey.', None, None, A, N, ['turkey_ties']),
 ('Ankara has become an indispensable', 'for Russian gas.', None, None, A, N, ['turkey_ties', 'sanctions_economy']),
 ('Turkey is also Azerbaijan’s closest ally', 'Erdoğan.', None, None, A, N, ['turkey_ties']),
 ('Third, Moscow has its own stake', 'in Azerbaijan.', None, None, A, N, ['azerbaijan_ties']),
 ('Two days before the full-scale', 'post-Soviet capitals.', None, None, A, N, ['azerbaijan_ties']),
 ('Energy cooperation, Caspian security', 'relations warm.', None, None, A, N, ['azerbaijan_ties', 'transport_corridor']),
 ('The fourth factor is transport.', 'transport.', None, None, A, N, ['transport_corridor']),
 ('Russia sees the International', 'are closed.', None, None, A, N, ['transport_corridor', 'sanctions_economy']),
 ('The 2020 ceasefire statement also promised', 'reach Turkey.', None, None, A, N, ['transport_corridor']),
 ('Fifth, Moscow has long preferred', 'that of ally.', None, None, A, N, ['mediator_role']),
 ('By brokering the November 2020', 'clear side.', None, None, A, N, ['mediator_role']),
 ('As the Moscow-based analyst Pavel Sidorenko', 'given moment.', 'Pavel Sidorenko', ['sidorenko'], R, N, ['foreign_policy_doctrine']),
 ('Armenia’s own choices have also weighed', 'relationship.', None, None, A, N, ['pashinyan_government']),
 ('The Kremlin never warmed to Nikol Pashinyan', 'that mistrust.', None, None, A, N, ['pashinyan_government', 'western_rivalry']),
 ('Russian officials have also argued', 'Karabakh Armenians.', 'Russian officials', ['officials'], R, S, ['armenian_intransigence']),
 ('There is a legal argument as well.', 'as well.', None, None, A, N, ['territorial_law']),
 ('Moscow has consistently maintained', 'recognised territory.', 'Moscow', ['moscow'], R, N, ['territorial_law']),
 ('Because Armenia itself recognised', 'to defend it.', 'Russian diplomats', ['diplomats'], R, S, ['territorial_law']),
 ('Finally, there is the weakness', 'itself.', None, None, A, N, ['csto_weakness']),
 ('The Collective Security Treaty Organization, the Russian-led bloc', 'assessment mission.', None, None, A, N, ['csto_weakness']),
 ('That episode showed how little', 'run its course.', None, None, A, C, ['csto_weakness']),
 ('None of these factors alone', 'Russia’s conduct.', None, None, A, N, []),
 ('Together, however, they describe', 'won back.', None, None, A, N, ['leverage', 'azerbaijan_ties']),
 ('Whether that calculation holds', 'years to come.', None, None, A, N, []),
]
SPEC['03_oped_armenian.txt'] = [
 ('Russia Turned Its Back', 'Pretending Otherwise', None, None, A, C, []),
 ('For three decades, Armenians were told', 'let us fall.', None, None, A, C, []),
 ('In September 2023, when Azerbaijani artillery', 'stood idly by.', None, None, A, C, []),
 ('The Russian peacekeepers who had been deployed', 'in its defence.', None, None, A, C, []),
 ('For nine months before that', 'itself had signed.', None, None, A, C, []),
 ('Food, medicine and fuel ran out', 'issued statements.', None, None, A, C, []),
 ('Apologists in Moscow will tell you', 'were tied.', None, None, A, C, []),
 ('They will recite the familiar excuses', 'never covered Karabakh.', None, None, A, C, ['ukraine_war', 'military_capacity', 'turkey_ties', 'azerbaijan_ties', 'territorial_law']),
 ('Some of this may even be true', 'broken promises.', None, None, A, C, []),
 ('An ally that abandons you', 'an ally at all.', None, None, A, C, []),
 ('In May 2021, and again', 'bound to defend.', None, None, A, C, ['territorial_law']),
 ('Armenia appealed to the CSTO', 'a communiqué.', None, None, A, C, ['csto_weakness']),
 ('Prime Minister Nikol Pashinyan later said', 'obligations to Armenia.', 'Nikol Pashinyan', ['pashinyan'], R, C, ['csto_weakness']),
 ('He was right, and the Kremlin’s response', 'proved the point.', None, None, A, C, []),
 ('Russian officials now say Armenia', 'toward the West.', 'Russian officials', ['officials'], R, S, ['pashinyan_government']),
 ('Maria Zakharova, the foreign ministry spokeswoman', 'and Washington.', 'Maria Zakharova', ['zakharova'], R, S, ['pashinyan_government']),
 ('But that turn to the West', 'Karabakh’s fall.', None, None, A, C, []),
 ('Russia treated Armenia as a captive ally', 'too isolated to leave.', None, None, A, C, ['leverage']),
 ('It sold arms worth billions', 'never delivered.', None, None, A, C, ['arms_sales']),
 ('In 2021 and 2022 Yerevan paid', 'never arrived.', None, None, A, C, ['arms_sales']),
 ('Security guarantees are not a favour', 'broke its promise.', None, None, A, C, []),
 ('Armenia’s government was right to freeze', 'go further.', None, None, A, C, []),
 ('A country cannot build its security', 'are attacked.', None, None, A, C, ['csto_weakness']),
 ('It is the natural response of a small nation', 'promises are worth.', None, None, A, C, []),
 ('Nor should we indulge the fantasy', 'its old role.', None, None, A, C, []),
 ('The Kremlin has made its choice', 'pledged to protect.', None, None, A, C, ['azerbaijan_ties', 'turkey_ties', 'ukraine_war']),
 ('Armenians should remember that choice', 'of brotherhood.', None, None, A, C, []),
]
SPEC['04_oped_prokremlin.txt'] = [
 ('Stop Blaming Russia', 'Own Mistakes', None, None, A, S, []),
 ('Ever since Azerbaijan restored', 'went wrong.', None, None, A, S, []),
 ('These accusations are baseless.', 'baseless.', None, None, A, S, []),
 ('Russia honoured every commitment', 'shows it.', None, None, A, S, []),
 ('In November 2020, it was Russian President', 'no one else would.', None, None, A, S, []),
 ('For three years those peacekeepers', 'line of contact.', None, None, A, S, []),
 ('Several of them paid with their own lives.', 'own lives.', None, None, A, S, []),
 ('What they could not do was overrule', 'legal reality.', None, None, A, S, ['territorial_law']),
 ('Under international law, and under', 'Azerbaijani territory.', None, None, A, N, ['territorial_law']),
 ("Russia's obligations under the Collective", 'told otherwise.', None, None, A, S, ['territorial_law']),
 ('Indeed, Prime Minister Nikol Pashinyan recognised', 'October 2022.', None, None, A, N, ['territorial_law']),
 ('Having done so, his government', 'no longer claims.', None, None, A, S, ['territorial_law']),
 ("The real cause of Armenia's misfortune", 'own choices.', None, None, A, S, ['pashinyan_government']),
 ("Since 2018, Pashinyan's government", 'an inconvenience.', None, None, A, S, ['pashinyan_government', 'western_rivalry']),
 ('It invited a European Union monitoring mission', 'CSTO summits.', None, None, A, N, ['pashinyan_government', 'western_rivalry']),
 ('Then it acted surprised', 'blank cheque.', None, None, A, S, ['pashinyan_government']),
 ('Critics also forget', 'on the table.', None, None, A, S, ['armenian_intransigence']),
 ('The plan associated with Foreign Minister Sergei Lavrov', 'own strength.', None, None, A, S, ['armenian_intransigence']),
 ('Russia cannot be blamed for a catastrophe', 'years preparing.', None, None, A, S, ['armenian_intransigence']),
 ('As Kremlin spokesman Dmitry Peskov put it', 'themselves."', 'Dmitry Peskov', ['peskov'], D, S, []),
 ("Moscow's balanced position", 'ceasefire possible.', None, None, A, S, ['mediator_role']),
 ('The Armenian government and its Western sponsors', 'longer a mediator.', None, None, A, S, ['mediator_role']),
 ('Meanwhile the West, which now poses', 'in the Caucasus.', None, None, A, S, []),
 ('Neither will station troops', 'base in Gyumri.', None, None, A, S, []),
 ('Armenians would do well to remember', 'stood by them.', None, None, A, S, []),
 ("Russia's soldiers still guard", 'Europe pays.', None, None, A, S, []),
 ('Breaking with Moscow to please', 'leaders are gone.', None, None, A, S, []),
]
SPEC['05_interview.txt'] = [
 ('‘Moscow wanted a dependent Armenia', 'says Yerevan analyst', 'Marina Avetisyan', ['avetisyan'], D, C, ['leverage']),
 ('She spoke to us about why Moscow', 'break away.', None, None, A, N, []),
 ('Avetisyan argued that the Kremlin’s inaction', 'deliberate decision.', 'Marina Avetisyan', ['avetisyan'], R, C, []),
 ('“Russia had the troops on the ground', 'she said.', 'Marina Avetisyan', ['avetisyan'], D, C, []),
 ('“It chose not to', 'look elsewhere.”', 'Marina Avetisyan', ['avetisyan'], D, C, ['leverage']),
 ('In her view, the peacekeeping mission', 'two purposes.', 'Marina Avetisyan', ['avetisyan'], R, N, []),
 ('It gave Russia a military presence', 'turn on or off.”', 'Marina Avetisyan', ['avetisyan'], R, N, ['leverage']),
 ('Asked about the role of the war in Ukraine', 'already under way.', 'Marina Avetisyan', ['avetisyan'], R, N, ['ukraine_war']),
 ('“Ukraine made Turkey and Azerbaijan', 'she said.', 'Marina Avetisyan', ['avetisyan'], D, N, ['ukraine_war', 'turkey_ties', 'azerbaijan_ties', 'sanctions_economy']),
 ('“But the decision to tilt toward Baku', 'before 2022.”', 'Marina Avetisyan', ['avetisyan'], D, N, ['azerbaijan_ties']),
 ('She pointed to the 2018 revolution', 'to power.', 'Marina Avetisyan', ['avetisyan'], R, N, ['pashinyan_government']),
 ('According to Avetisyan, the Kremlin never trusted', 'as a threat.', 'Marina Avetisyan', ['avetisyan'], R, N, ['pashinyan_government', 'western_rivalry']),
 ('“They decided to teach him a lesson', 'she said.', 'Marina Avetisyan', ['avetisyan'], D, C, ['pashinyan_government']),
 ('“Moscow wanted a dependent Armenia', 'a strong one.”', 'Marina Avetisyan', ['avetisyan'], D, C, ['leverage'], 0),
 ('“The CSTO was never a real alliance,”', 'others nod.”', 'Marina Avetisyan', ['avetisyan'], D, C, ['csto_weakness']),
 ('She said Armenia’s decision in early 2024', 'its railways.', 'Marina Avetisyan', ['avetisyan'], R, N, ['leverage']),
 ('Ilgar Huseynov, a Baku-based', 'on the ground.', 'Ilgar Huseynov', ['huseynov'], R, S, []),
 ('“Russia understood that Karabakh', 'he said.', 'Ilgar Huseynov', ['huseynov'], D, N, ['territorial_law', 'azerbaijan_ties']),
 ('“Its balanced approach', 'in 2023.”', 'Ilgar Huseynov', ['huseynov'], D, S, ['mediator_role']),
 ('Avetisyan dismissed that argument', 'convenient excuse.', 'Marina Avetisyan', ['avetisyan'], R, C, []),
 ('“Balance is a nice word', 'she said.', 'Marina Avetisyan', ['avetisyan'], D, C, ['mediator_role']),
 ('“France and the EU can help', 'she said.', 'Marina Avetisyan', ['avetisyan'], D, N, []),
 ('What Armenia needs, she argued', 'less urgent.', 'Marina Avetisyan', ['avetisyan'], R, N, []),
 ('Asked about the Russian base in Gyumri', 'hostile act.', 'Marina Avetisyan', ['avetisyan'], R, N, []),
 ('“The worst outcome would be', 'Avetisyan said.', 'Marina Avetisyan', ['avetisyan'], D, N, []),
 ('“We have tried dependence on Russia', 'how that ends.”', 'Marina Avetisyan', ['avetisyan'], D, C, ['leverage']),
]
SPEC['06_european.txt'] = [
 ('A hollow alliance', 'to the West', None, None, A, C, ['csto_weakness']),
 ('When Armenia asked its allies for help', 'and a shrug.', None, None, A, C, ['csto_weakness']),
 ('Eighteen months later, Yerevan froze', 'Russian-led bloc.', None, None, A, N, []),
 ('Prime Minister Nikol Pashinyan later told parliament', 'guarantee of it.', 'Nikol Pashinyan', ['pashinyan'], R, C, ['csto_weakness']),
 ('For diplomats in Brussels and Paris', 'when it does not.', 'diplomats in Brussels and Paris', ['diplomats'], R, C, ['csto_weakness']),
 ('“The CSTO works for one member', 'diplomat said.', 'a senior EU diplomat', ['diplomat'], D, C, ['csto_weakness']),
 ('Russian officials argue that the CSTO could not act', 'a European one.', 'Russian officials', ['officials'], R, S, ['territorial_law', 'western_rivalry']),
 ('Foreign Minister Sergei Lavrov has repeatedly accused', 'geopolitical confrontation.', 'Sergei Lavrov', ['lavrov'], R, N, ['western_rivalry']),
 ('Its presence has irked the Kremlin', 'own backyard.', None, None, A, N, ['western_rivalry']),
 ('The Russian foreign ministry has called', 'of the region.', 'the Russian foreign ministry', ['foreign ministry'], R, N, ['western_rivalry']),
 ('France has moved fastest', 'left by Russia.', None, None, A, N, []),
 ('President Emmanuel Macron has said', 'territorial integrity.', 'Emmanuel Macron', ['macron'], R, N, []),
 ('In Washington, Secretary of State Antony Blinken', 'had no seat.', None, None, A, N, []),
 ('“Russia has lost the argument', 'Policy Studies.', 'Katrin Bergmann', ['bergmann'], D, N, ['leverage']),
 ('She pointed out that Russian border guards', 'distribution system.', 'Katrin Bergmann', ['bergmann'], R, N, ['leverage']),
 ('“The West is offering monitors', 'she said.', 'Katrin Bergmann', ['bergmann'], D, N, ['leverage']),
 ('Nor has Moscow’s retreat', 'with Azerbaijan.', None, None, A, N, ['azerbaijan_ties']),
 ('Bergmann argued that the Kremlin', 'consider unreliable.', 'Katrin Bergmann', ['bergmann'], R, N, ['azerbaijan_ties', 'turkey_ties', 'sanctions_economy', 'pashinyan_government']),
 ('For the CSTO, the damage may be lasting.', 'be lasting.', None, None, A, N, ['csto_weakness']),
 ('An alliance whose leading member declines', 'access to Moscow.', None, None, A, C, ['csto_weakness']),
 ('If Armenia formally leaves', 'in 2012.', None, None, A, N, []),
]
SPEC['07_kremlin_rebuttal.txt'] = [
 ('Kremlin says Russia', 'blames Yerevan', 'the Kremlin', ['kremlin'], R, S, []),
 ('The Kremlin on Tuesday again rejected', 'Armenian leadership.', 'the Kremlin', ['kremlin'], R, S, []),
 ('"Russia does not bear responsibility', 'told reporters.', 'Dmitry Peskov', ['peskov'], D, S, []),
 ('"Our peacekeepers had no mandate', 'not in Moscow."', 'Dmitry Peskov', ['peskov'], D, S, []),
 ('At her weekly briefing she said', 'Western capitals.', 'Maria Zakharova', ['zakharova'], R, S, ['pashinyan_government', 'western_rivalry']),
 ('"Yerevan made its choice in Prague', 'Zakharova said.', 'Maria Zakharova', ['zakharova'], D, S, ['territorial_law']),
 ('"Now it is looking for someone else', 'to blame."', 'Maria Zakharova', ['zakharova'], D, S, []),
 ('The remarks came as Armenian Prime Minister', 'Vladimir Putin.', None, None, A, N, ['pashinyan_government']),
 ("Moscow's irritation with Yerevan", 'for months.', None, None, A, N, ['pashinyan_government']),
 ("Russia summoned Armenia's ambassador", 'visited Kyiv.', None, None, A, N, ['pashinyan_government', 'western_rivalry']),
 ('Peskov also played down talk', 'Russian-led alliance.', 'Dmitry Peskov', ['peskov'], R, N, []),
 ('"If Armenia decides to leave', 'he said.', 'Dmitry Peskov', ['peskov'], D, N, []),
 ("He said Russia remained Armenia's ally", 'base in Gyumri.', 'Dmitry Peskov', ['peskov'], R, S, []),
 ('If Russia fails to keep Armenia', 'Post-Soviet Studies.', 'Dmitri Volkov', ['volkov'], R, N, ['foreign_policy_doctrine']),
 ('"Losing Armenia would be', 'Volkov said.', 'Dmitri Volkov', ['volkov'], D, N, ['foreign_policy_doctrine']),
 ('Volkov said the Kremlin would be reluctant', 'deteriorated further.', 'Dmitri Volkov', ['volkov'], R, N, ['western_rivalry', 'leverage']),
 ('Should the Kremlin lose its foothold', 'main beneficiaries.', 'Dmitri Volkov', ['volkov'], R, N, ['turkey_ties', 'western_rivalry']),
 ("Armenian officials reject Moscow's account.", "account.", 'Armenian officials', ['officials'], R, C, []),
 ('"Russia had the ability to stop this', 'nine-month blockade.', 'Lilit Sargsyan', ['sargsyan'], D, C, []),
 ('Azerbaijani President Ilham Aliyev, for his part', 'situation stabilised.', 'Ilham Aliyev', ['aliyev'], R, S, []),
 ('Peskov said the future of the contingent', 'Azerbaijani partners."', 'Dmitry Peskov', ['peskov'], R, N, ['azerbaijan_ties']),
 ('Asked whether a withdrawal would amount', 'it would not.', 'Dmitry Peskov', ['peskov'], R, S, []),
 ('"If the contingent leaves', 'he said.', 'Dmitry Peskov', ['peskov'], D, S, []),
 ('Pashinyan, who has described the CSTO', 'quit the bloc.', 'Nikol Pashinyan', ['pashinyan'], R, C, ['csto_weakness']),
]
SPEC['08_feature.txt'] = [
 ('In Goris, Karabakh’s refugees', 'protectors went', None, None, A, C, []),
 ('“We left everything', 'she said.', 'Anahit Grigoryan', ['grigoryan'], D, N, []),
 ('The war ended with a ceasefire brokered by Moscow', 'line of contact.', None, None, A, N, []),
 ('For Grigoryan and many others', 'could stay.', None, None, A, N, []),
 ('“When the Russians came in 2020', 'she said.', 'Anahit Grigoryan', ['grigoryan'], D, S, []),
 ('“Then they watched them close the road', 'did nothing.”', 'Anahit Grigoryan', ['grigoryan'], D, C, []),
 ('The Russian contingent, whose mandate', 'reopen it.', None, None, A, C, []),
 ('Russian officials have said the peacekeepers lacked', 'as Azerbaijani.', 'Russian officials', ['officials'], R, S, ['military_capacity', 'territorial_law']),
 ('Several peacekeepers were killed on Sept. 20', 'Vladimir Putin.', None, None, A, N, []),
 ('Not everyone in Goris blames Moscow.', 'blames Moscow.', None, None, A, N, []),
 ('Gevorg Sahakyan, 34', 'at the crossing.', 'Gevorg Sahakyan', ['sahakyan'], R, S, []),
 ('“The soldiers were decent people,”', 'he said.', 'Gevorg Sahakyan', ['sahakyan'], D, S, []),
 ('“It was the politicians in Moscow', 'sold us.”', 'Gevorg Sahakyan', ['sahakyan'], D, C, []),
 ('Its deputy mayor, Karen Mkrtchyan, said', 'a week.', 'Karen Mkrtchyan', ['mkrtchyan'], R, N, []),
 ('The exodus has hastened a rupture', 'and Moscow.', None, None, A, N, []),
 ('Prime Minister Nikol Pashinyan has since frozen', 'United States.', 'Nikol Pashinyan', ['pashinyan'], R, C, ['csto_weakness']),
 ('Russian officials, in turn, accuse him', 'West’s bidding.', 'Russian officials', ['officials'], R, S, ['pashinyan_government', 'western_rivalry']),
 ('The last Russian peacekeepers left Karabakh', 'due to expire.', None, None, A, N, []),
 ('Grigoryan, who now shares two rooms', 'follow politics.', 'Anahit Grigoryan', ['grigoryan'], R, N, []),
 ('“I only know that we were promised', 'she said.', 'Anahit Grigoryan', ['grigoryan'], D, C, []),
 ('“Then they watched them close the road', 'she said again.', 'Anahit Grigoryan', ['grigoryan'], D, C, [], 5),
]
REASONS = {'ukraine_war','turkey_ties','azerbaijan_ties','arms_sales','pashinyan_government','armenian_intransigence','mediator_role','transport_corridor','sanctions_economy','military_capacity','territorial_law','leverage','foreign_policy_doctrine','csto_weakness','western_rivalry'}

def build(name, spec):
    text = open(f'{BASE}/text/{name}', encoding='utf-8').read()
    rows, pos = [], 0
    for e in spec:
        pre, suf, spk, keys, attr, st, rs = e[:7]
        dup = e[7] if len(e) > 7 else None
        s = text.find(pre, pos)
        assert s >= 0, (name, pre)
        end = text.find(suf, s + len(pre) - len(suf) if suf in pre else s)
        assert end >= 0, (name, suf)
        end += len(suf)
        span = text[s:end]
        assert '\n' not in span, (name, pre, span)
        assert set(rs) <= REASONS and attr in (A, R, D) and st in (C, S, N), e
        assert (spk is None) == (attr == A), e
        row = {'article': name, 'start': s, 'end': end, 'text': span, 'speaker': spk,
               'speaker_keys': keys if spk else None, 'attribution': attr, 'stance': st,
               'reasons': rs, 'duplicate_of': rows[dup]['start'] if dup is not None else None}
        assert text[row['start']:row['end']] == row['text']
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
        print(name, len(rows), 'words', len(open(f'{BASE}/text/{name}', encoding='utf-8').read().split()))
    with open(f'{BASE}/selfcheck_pred.jsonl', 'w', encoding='utf-8') as f:
        for r in allrows:
            p = dict(r); p['id'] = r['start']
            f.write(json.dumps(p, ensure_ascii=False) + '\n')
