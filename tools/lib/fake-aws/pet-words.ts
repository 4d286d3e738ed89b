// Words of the fake RandomPet. The random provider draws its names from golang-petname
// (github.com/dustinkirkland/golang-petname, a dependency of terraform-provider-random, which
// pulumi-random bridges), whose lists hold several hundred adjectives and names: two pets of one
// stack share a name about never. These are a part of those lists, enough that a program naming
// dozens of resources after pets draws distinct names as it would against the provider, and the
// fake makes each name of a run distinct besides (./invented.ts).

/** Adjectives, every word of a pet but the last. */
export const PET_ADJECTIVES: readonly string[] = (
  "able accepted active adapted alert allowed amazed ample amused apt artistic assured awake " +
  "aware balanced beloved better bold brave bright busy calm capable careful caring casual " +
  "certain champion charmed cheerful choice civil classic clean clear clever close comic " +
  "complete composed concise content cool correct cosmic creative crisp cuddly curious cute " +
  "daring dear decent deep direct distinct divine driven dynamic eager easy elegant enabled " +
  "endless engaged epic equal eternal exact expert fair famous fancy fast fine firm fit fleet " +
  "fluent flying fond frank free fresh full funky funny generous gentle genuine giving glad " +
  "golden good grand great growing guided handy happy hardy healthy helpful heroic honest " +
  "hopeful humble ideal immune improved infinite innocent inspired intense joint just keen " +
  "kind known large lasting leading legal light liked live living logical loved loving loyal " +
  "lucky magical main major massive master mature measured merry mighty mint model modern " +
  "modest moral moving musical mutual native natural neat needed neutral new next nice noble " +
  "normal notable noted novel open optimal organic patient peaceful perfect pleasant polished " +
  "polite popular positive possible powerful precious precise premium prepared pretty prime " +
  "proper proud proven pure quick quiet rapid rare ready real refined related relaxed " +
  "relevant renewed resolved rich right robust safe secure select sensible settled sharp " +
  "shining simple sincere skilled smart smiling smooth social solid sound special splendid " +
  "square stable steady still strong stunning subtle suitable summary sunny super superb " +
  "supreme sure sweet talented tender thankful tidy tight tolerant top tough touched trusted " +
  "trusty ultimate unique united upright useful valid valued vast verified viable vital " +
  "vocal warm welcome well whole willing winning wise witty working worthy"
).split(" ");

/** Names, the last word of a pet. */
export const PET_NAMES: readonly string[] = (
  "ant ape asp bat bee boa bug cat cod cow cub doe dog eel elk emu ewe fly fox gar gnu hen " +
  "hog jay kid koi owl pig pug pup ram rat ray yak bass bear bird boar buck bull calf clam " +
  "colt crab crow deer dodo dory dove duck fawn fish foal frog goat gull hare hawk ibex joey " +
  "kite kiwi lamb lark lion loon lynx mako mink mole moth mule newt orca oryx pika pony puma " +
  "seal slug stag swan tahr teal toad tuna wasp wolf wren yeti adder akita bison boxer " +
  "bunny camel chimp civet cobra coral corgi crane dingo drake eagle egret finch gecko " +
  "goose guppy heron hippo horse hound husky hyena koala krill lemur llama macaw moose " +
  "mouse panda perch prawn quail raven rhino robin shark sheep shrew skink skunk sloth " +
  "snail snake squid stork swift tapir tiger trout viper whale zebra alpaca baboon badger " +
  "beagle beetle bobcat caiman condor cougar coyote donkey dragon falcon ferret gannet " +
  "gibbon gopher grouse hermit hornet iguana impala jackal jaguar kitten lizard magpie " +
  "mantis marlin marmot marten minnow monkey ocelot oriole osprey oyster parrot pigeon " +
  "possum python rabbit salmon serval shrimp spider tarpon thrush toucan turkey turtle " +
  "urchin walrus weasel wombat buffalo caribou catfish cheetah dolphin firefly gazelle " +
  "giraffe gorilla grizzly haddock halibut hamster herring ladybug lemming leopard lobster " +
  "mallard manatee meerkat narwhal octopus ostrich panther peacock pelican penguin piranha " +
  "raccoon rooster sparrow sunfish tadpole vulture wallaby warthog aardvark anteater " +
  "antelope bluebird chipmunk cockatoo elephant flamingo hedgehog kangaroo mongoose " +
  "pangolin platypus porpoise reindeer seahorse squirrel starfish stingray tortoise"
).split(" ");
