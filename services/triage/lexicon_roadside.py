"""Scenes on a road: a person out in the traffic lanes (a risk to life), and those that
read like danger to a person and are not: an animal loose in traffic, someone standing
on the roof of a flooded car (the safety layer's ``unless_within`` for imminent-risk
words)."""

from __future__ import annotations

# Animals by the words callers use for them, livestock included (NFIRS and animal-control
# call types: loose livestock, dog at large)
ANIMALS = (r"(?:dogs?|pupp(?:y|ies)|cats?|kittens?|horses?|ponies|pony|cows?|cattle|calf|calves|"
           r"steers?|heifers?|bulls?|goats?|pigs?|hogs?|sheep|llamas?|alpacas?|deer|elk|moose|"
           r"geese|goose|ducks?|chickens?|turkeys?|emus?|animals?|livestock|angus|holsteins?|"
           r"herefords?|labs?|(?:pit|lab|shepherd|husky|boxer|terrier|hound|poodle|doodle|"
           r"chihuahua|rottweiler|bully|shepard) mix(?:es)?|pit ?bulls?|huskies|husky|shepherds?|"
           r"retrievers?|mutts?|strays?|head of \w+)")
# An animal loose in traffic puts drivers at risk, not itself at risk of a suicide: the
# imminent-risk words about a person in traffic do not apply to it.
ANIMAL_IN_TRAFFIC = (r"\b" + ANIMALS + r" (?:[\w,]+ ){0,16}(?:running|walking|standing|wandering|"
                     r"darting|loose|out|lying|laying|stepped|stepping|wandered|went|ran) (?:in|"
                     r"into|on|across|out into|at) (?:the |passing |oncoming )?"
                     r"(?:middle of (?:the )?)?(?:traffic |travel )?(?:cars|traffic|road|roadway|"
                     r"highway|freeway|street|lanes?|oncoming)")

# someone on the roof of a car (in flood water): a rescue, not someone about to jump
ON_A_CAR_ROOF = (r"\b(?:(?:car|vehicle|truck|suv|van|jeep) (?:[\w,]+ ){0,10}(?:standing|sitting|"
                 r"stranded|stuck|climbed|climbing) on (?:the |her |his |their |its )?roof|"
                 r"(?:standing|sitting|stranded|stuck|climbed|climbing) on (?:the )?roof of "
                 r"(?:the |her |his |their |a )?(?:car|vehicle|truck|suv|van|jeep))")

# a person standing in the middle of the road, or running back into the lanes as cars
# swerve: a person in harm's way whatever the reason (an animal there is ANIMAL_IN_TRAFFIC;
# someone lying in a lane is more often a pedestrian struck, for the medical words)
PERSON_IN_THE_LANES = (
    r"\b(?:standing|sitting|kneeling|dancing|pacing|wandering|walking|running|"
    r"screaming|yelling|preaching) (?:\w+ )?in the middle of (?:the )?(?:road|street|lanes?|"
    r"highway|freeway|roadway|intersection|interstate|traffic)\b|"
    # water or mud running into the road is no person
    r"\b(?<!water )(?<!mud )(?<!runoff )(?:ran|runs|running|darted|"
    r"darting|stepped|stepping|jumped|jumping|walked|walking) (?:back )?(?:out )?into (?:the )?"
    r"(?:lanes?|road|roadway|street|highway|freeway|intersection|interstate)\b|"
    # "walking in the lanes" of an interstate, "in the #2 lane", "jumped at a semi"
    r"\b(?:walking|standing|running|wandering|sitting|dancing|pacing|staggering|"
    r"stumbling) (?:\w+ )?(?:in|on|across|down|along) (?:the )?(?:(?:travel |traffic |driving |"
    r"\w+bound |[nsew]b )?lanes|(?:number |no |#)?[0-9] lane)\b|"
    # a person (cars sit in a lane too) walking in a named lane: "in the right lane of I-15"
    r"\b(?:walking|running|wandering|pacing|staggering|stumbling|dancing) (?:\w+ )?"
    r"(?:in|on|across|down|along) (?:the )?(?:right|left|center|middle|fast|slow|passing|inside|"
    r"outside|travel|turn) lane\b|\b(?:jumped|jumping|lunged|"
    r"lunging|charged|charging|ran|running) (?:out )?at (?:a |the |passing |oncoming )?(?:semis?|"
    r"trucks?|cars|traffic|vehicles|buses)\b")
