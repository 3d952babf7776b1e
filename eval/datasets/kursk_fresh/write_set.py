import json, random
from pathlib import Path
A = []
def q(qid, text, answers, typ, parts=None):
    r = {"id": qid, "question": text, "answers": answers, "type": typ}
    if parts: r["answer_parts"] = parts
    if typ == "yesno": r["answer_type"] = "yes_no"
    A.append(r)
q("f01","What does Sabrina Singh do for a living?",["Deputy Press Secretary"],"who")
q("f02","Liubov Tsybulska: what's her role?",["founder"],"who")
q("f03","What is Viktor Kevliuk's background?",["retired Ukrainian colonel","colonel"],"who")
q("f04","Andrii Kovalenko works for which body?",["Security Council"],"who")
q("f05","Which job did John Foreman hold before?",["defense attaché","defence attaché"],"who")
q("f06","Who is Viktor Kovalenko?",["geopolitical analyst","military veteran"],"who")
q("f07","who's the NATO chief?",["Mark Rutte","Rutte"],"who")
q("f08","Who heads Ukraine's defence ministry?",["Rustem Umerov","Umerov"],"who")
q("f09","Name the White House official who confirmed North Korean troops were sent to eastern Russia.",["John Kirby","Kirby"],"who")
q("f10","Which Pentagon spokesperson said details about the troop types weren't available?",["Sabrina Singh"],"who")
q("f11","Who runs North Korea?",["Kim Jong-un"],"who")
q("f12","Who is the president of Ukraine?",["Zelensky"],"who")
q("f13","Who set up the Ukrainian Center for Strategic Communications?",["Liubov Tsybulska","Tsybulska"],"who")
q("f14","NK troops Kursk how many?",["10,000","12,000","8,000","15,000","several thousand"],"quantity")
q("f15","What's the Pentagon's number for North Korean soldiers sent to train in eastern Russia?",["10,000"],"quantity")
q("f16","Vladivostok received how many North Korean special forces troops?",["1,500"],"quantity")
q("f17","According to Kyodo, how many North Korean soldiers were being taken to western Russia?",["2,000"],"quantity")
q("f18","How big was the first group of North Korean fighters to reach Kursk, per Tsybulska?",["1,000"],"quantity")
q("f19","How many North Korean troops does Umerov expect will be deployed?",["15,000"],"quantity")
q("f20","Into how many units will the North Koreans be divided, per Umerov?",["five","5"],"quantity")
q("f21","How many soldiers are in each North Korean unit?",["3,000"],"quantity")
q("f22","What's the size of Russia's force in the Kursk region?",["50,000"],"quantity")
q("f23","How many Ukrainian soldiers are still fighting in Kursk, according to independent analyses?",["30,000"],"quantity")
q("f24","What is the size of the North Korean military?",["1.3 million"],"quantity")
q("f25","North Korea reservists number?",["7.6 million"],"quantity")
q("f26","One interpreter for how many North Korean soldiers?",["30"],"quantity")
q("f27","North Korean barracks distance from the border?",["25 to 40 miles","40 miles"],"quantity")
q("f28","How much ground have Russian forces gained in Donetsk lately?",["9 kilometers","9 km"],"quantity")
q("f29","What range do estimates give for the number of North Korean troops in Kursk?",["8,000"],"quantity")
q("f30","How many Ukrainian brigades would 12,000 men roughly equal?",["three","3"],"quantity")
q("f31","What figure do American and South Korean intelligence assessments give for North Korean combat troops?",["12,000"],"quantity")
q("f32","The war is nearing what milestone in days?",["1,000"],"quantity")
q("f33","How many North Korean soldiers are training in Russia in total, according to Stern?",["12,000"],"quantity")
q("f34","Where does North Korea's army rank in size worldwide?",["fourth"],"fact")
q("f35","When did North Korean troops start heading to Russia, per South Korean intelligence?",["March 18"],"when")
q("f36","On what weekday did the first North Korean group of 1,000 get to the Kursk region?",["Wednesday"],"when")
q("f37","Since when has Ukraine partly occupied the Kursk region?",["August"],"when")
q("f38","On which day did Rutte confirm the deployment?",["Monday"],"when")
q("f39","When did a North Korean official visit a missile launch site near the front?",["early August","August"],"when")
q("f40","Where were North Korean special forces transferred to?",["Vladivostok"],"where")
q("f41","Between which two cities have big Russian Air Force planes been flying?",["Vladivostok"],"where",[["Vladivostok"],["Pyongyang"]])
q("f42","Where did Western intelligence expect the North Korean soldiers to be deployed?",["Kursk"],"where")
q("f43","Where are Russian forces advancing in eastern Ukraine, per the UK?",["Donetsk"],"where")
q("f44","What transport carried North Korea's special forces to Russia?",["transport ship"],"fact")
q("f45","Since what year has Russia pursued a war of attrition?",["2023"],"when")
q("f46","When did North Korean troops last see combat?",["1950s"],"when")
q("f47","Which part of Ukraine's Kursk incursion will the North Koreans attack first?",["northernmost tip"],"where")
q("f49","Why is it hard to command North Korean soldiers?",["language"],"why")
q("f50","North Korean fighters are hard to identify: what causes that?",["uniforms","mixed with Russian troops"],"why")
q("f51","Why did Ukraine's army hand out a Korean phrase book?",["surrender","communicate"],"why")
q("f52","Why do experts doubt the North Koreans will be effective?",["combat experience","1950s"],"why")
q("f53","What is Putin hoping to achieve with the North Korean troops?",["pressure Washington","pressure"],"why")
q("f54","Why is retaking the occupied area important for Russia?",["negotiations"],"why")
q("f55","Why is the Ukraine war good for Kim Jong-un?",["sought-after ally","blessing","money"],"why")
q("f56","What does Russia give North Korea in return?",["money","food","armaments know-how"],"fact")
q("f57","What is the main threat to Ukraine, according to experts?",["artillery"],"fact")
q("f58","How are Russians lured into the war?",["money"],"fact")
q("f59","Has Pyongyang confirmed its troops are fighting in Ukraine?",["No"],"yesno")
q("f60","Has NATO confirmed North Korean troops are on the battlefield?",["Yes"],"yesno")
q("f61","Is sending Western combat troops to Ukraine likely?",["No","unlikely"],"yesno")
q("f62","Did the Pentagon say what weapons North Korea was deploying?",["No"],"yesno")
q("f63","Was the report about one interpreter per 30 soldiers verified?",["No","unverified"],"yesno")
q("f64","Did Umerov describe the fighting as large-scale?",["No","small-scale"],"yesno")
q("f65","What did the Pentagon say about North Korean soldiers?",["10,000"],"fact")
q("f66","How did Rutte describe the deployment?",["dangerous expansion"],"fact")
q("f67","How did Umerov characterise the first clash?",["small-scale"],"fact")
q("f68","Which tool did Ukraine give its troops to talk with North Korean soldiers?",["phrase book"],"fact")
q("f69","Besides soldiers, what is North Korea expected to provide Russia?",["artillery shells","grenades","rockets"],"fact")
q("f70","What could Russia supply the North Koreans with, per Stern?",["drones","body armor","night vision goggles"],"fact")
q("f71","What are parts of the North Korean troops trained for?",["guerrilla warfare","command operations"],"fact")
q("f72","According to John Foreman, how will North Korean influence likely show up?",["counteroffensive"],"fact")
q("f73","What roles might the North Koreans play, analysts say?",["direct assaults","rear positions","direct combat","defensive positions"],"fact")
q("f74","Who shelled North Korean troops in Kursk?",["Ukrainian artillery"],"who")
q("f75","Which organisation's Secretary General confirmed the deployment?",["NATO"],"who")
q("f76","Who reported that 2,000 troops were heading to western Russia?",["Kyodo"],"who")
q("f77","Which outlet published the piece on Russia's war of attrition?",["Stern"],"who")
q("f78","Which agency reported that North Korean troops set out as early as March 18?",["National Intelligence Service","NIS"],"who")
q("f79","Who did South Korean officials brief about the situation?",["NATO"],"who")
q("f80","Which regions' security is threatened by the North Korean involvement?",["Indo-Pacific","Euro-Atlantic"],"fact")
q("f81","How does the Pentagon's figure compare with Umerov's estimate?",["10,000"],"conflict",[["10,000"],["15,000"]])
q("f82","What numbers do Stern and the Pentagon give for North Korean troops training in Russia?",["12,000"],"conflict",[["12,000"],["10,000"]])
q("f83","Which is larger in Kursk, the Russian or the Ukrainian force?",["Russia","Russian","50,000"],"fact")
q("f84","What's going on with North Korea and the war in Ukraine?",["North Korean troops","North Korean soldiers"],"summary")
q("f85","Give me a quick summary of the Kursk situation.",["North Korean"],"summary")
q("f86","what's the deal with the korean phrase book?",["surrender","communicate"],"fact")
q("f89","What assessment did the UK Defence Ministry provide regarding Russian advances?",["9 kilometers","9 km"],"fact")
N = [
 "How many North Korean soldiers have been captured by Ukraine?",
 "Which North Korean officer is in charge of the troops sent to Kursk?",
 "What salary do North Korean soldiers get from Moscow?",
 "When did Moscow and Pyongyang sign the agreement under which the troops are sent?",
 "What did Japan's government say about the troops?",
 "What quantity of ammunition has North Korea shipped to Russia?",
 "What is the name of the Russian Navy ship that carried North Korean special forces?",
 "How many North Korean soldiers were killed by the Ukrainian shelling?",
 "Which Russian city hosts the North Korean training camps?",
 "How old is John Kirby?",
 "What did Zelensky say at the UN about North Korea?",
 "How many drones has Russia given North Korea?",
 "How many people live in the Kursk region?",
 "Who is South Korea's president?",
 "How much military aid has the US pledged to Ukraine this year?",
 "Which North Korean missile was tested near the Russia-Ukraine front?",
]
rows = A + [{"id": f"u{i+1:02d}", "question": t, "answers": [], "type": "null"} for i, t in enumerate(N)]
print(len(A), len(N))
rng = random.Random(20261130)
ans = [r for r in rows if r["type"] != "null"]; nul = [r for r in rows if r["type"] == "null"]
rng.shuffle(ans); rng.shuffle(nul)
dev = ans[: len(ans)//2] + nul[: len(nul)//2]
hold = ans[len(ans)//2:] + nul[len(nul)//2:]
key = lambda r: r["id"]
out = Path(__file__).resolve().parent
for name, part in (("questions.jsonl", dev), ("holdout.jsonl", hold)):
    (out/name).write_text("".join(json.dumps(r, ensure_ascii=False)+"\n" for r in sorted(part, key=key)), encoding="utf-8")
print(len(dev), len(hold))
