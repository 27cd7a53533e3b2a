// The demo's 20 stock locations: warehouses in real cities across Europe and North America,
// with plausible street addresses and the cities' real coordinates.
export interface DemoLocation {
  readonly code: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly line_1: string;
  readonly city: string;
  readonly zip_code: string;
  readonly state_code: string;
  readonly country_code: string;
  readonly lat: number;
  readonly lng: number;
}

const at = (
  code: string, name: string, line_1: string, city: string, zip_code: string, state_code: string,
  country_code: string, lat: number, lng: number, enabled = true,
): DemoLocation => ({ code, name, enabled, line_1, city, zip_code, state_code, country_code, lat, lng });

export const DEMO_LOCATIONS: readonly DemoLocation[] = [
  at('paris', 'Paris Bercy DC', '45 Quai de Bercy', 'Paris', '75012', 'IDF', 'FR', 48.8339, 2.3838),
  at('lyon', 'Lyon Gerland', '120 Avenue Jean Jaurès', 'Lyon', '69007', 'ARA', 'FR', 45.7366, 4.8378),
  at('berlin', 'Berlin Tempelhof', 'Ringbahnstraße 32', 'Berlin', '12099', 'BE', 'DE', 52.4689, 13.3953),
  at('hamburg', 'Hamburg Hafen', 'Am Sandtorkai 50', 'Hamburg', '20457', 'HH', 'DE', 53.5433, 9.9903),
  at('munich', 'München Freimann', 'Frankfurter Ring 105', 'München', '80807', 'BY', 'DE', 48.1858, 11.5917),
  at('milan', 'Milano Lambrate', 'Via Rubattino 84', 'Milano', '20134', 'MI', 'IT', 45.4817, 9.2514),
  at('madrid', 'Madrid Coslada', 'Avenida de la Industria 12', 'Madrid', '28823', 'MD', 'ES', 40.4268, -3.5610),
  at('barcelona', 'Barcelona Zona Franca', 'Carrer 60, 19', 'Barcelona', '08040', 'CT', 'ES', 41.3414, 2.1298),
  at('amsterdam', 'Amsterdam Westpoort', 'Australiëhavenweg 100', 'Amsterdam', '1045 BB', 'NH', 'NL', 52.4043, 4.8201),
  at('warsaw', 'Warszawa Made-to-Order', 'ul. Annopol 3', 'Warszawa', '03-236', 'MZ', 'PL', 52.3074, 21.0426),
  at('vienna', 'Wien Simmering (opening soon)', 'Simmeringer Hauptstraße 99', 'Wien', '1110', '9', 'AT', 48.1722, 16.4205, false),
  at('london', 'London Park Royal', 'Abbey Road, Park Royal', 'London', 'NW10 7SU', 'ENG', 'GB', 51.5305, -0.2753),
  at('manchester', 'Manchester Trafford Park', 'Westinghouse Road', 'Manchester', 'M17 1AE', 'ENG', 'GB', 53.4697, -2.3213),
  at('new-york', 'New York Hunts Point', '355 Food Center Dr', 'Bronx', '10474', 'NY', 'US', 40.8086, -73.8747),
  at('chicago', 'Chicago Central DC', '3500 S Morgan St', 'Chicago', '60609', 'IL', 'US', 41.8299, -87.6510),
  at('los-angeles', 'Los Angeles Vernon', '2700 E 37th St', 'Vernon', '90058', 'CA', 'US', 34.0031, -118.2190),
  at('dallas', 'Dallas Great Southwest', '2200 W Marshall Dr', 'Grand Prairie', '75051', 'TX', 'US', 32.7280, -97.0240),
  at('atlanta', 'Atlanta Fulton Industrial', '4500 Fulton Industrial Blvd SW', 'Atlanta', '30336', 'GA', 'US', 33.7497, -84.5497),
  at('toronto', 'Toronto Etobicoke', '45 Vansco Rd', 'Toronto', 'M8Z 5J4', 'ON', 'CA', 43.6205, -79.5282),
  at('montreal', 'Montréal Saint-Laurent', '3000 Boulevard Pitfield', 'Montréal', 'H4S 1K6', 'QC', 'CA', 45.4933, -73.7180),
];

/** Where demo customers live, per market: real cities with their coordinates. */
export const CUSTOMER_CITIES: Readonly<Record<string, readonly (readonly [city: string, zip: string, country: string, lat: number, lng: number])[]>> = {
  eu: [
    ['Paris', '75011', 'FR', 48.8574, 2.3795], ['Marseille', '13001', 'FR', 43.2999, 5.3841], ['Lille', '59000', 'FR', 50.6292, 3.0573],
    ['Bordeaux', '33000', 'FR', 44.8378, -0.5792], ['Köln', '50667', 'DE', 50.9387, 6.9547], ['Frankfurt am Main', '60311', 'DE', 50.1102, 8.6822],
    ['Stuttgart', '70173', 'DE', 48.7758, 9.1829], ['Dresden', '01067', 'DE', 51.0504, 13.7373], ['Roma', '00184', 'IT', 41.8924, 12.4938],
    ['Torino', '10121', 'IT', 45.0675, 7.6775], ['Napoli', '80121', 'IT', 40.8349, 14.2404], ['Valencia', '46001', 'ES', 39.4699, -0.3763],
    ['Sevilla', '41001', 'ES', 37.3891, -5.9845], ['Rotterdam', '3011', 'NL', 51.9225, 4.4792], ['Utrecht', '3511', 'NL', 52.0907, 5.1214],
    ['Kraków', '31-001', 'PL', 50.0647, 19.945], ['Salzburg', '5020', 'AT', 47.8095, 13.055], ['Bruxelles', '1000', 'BE', 50.8503, 4.3517],
  ],
  uk: [
    ['London', 'SW1A 1AA', 'GB', 51.501, -0.1416], ['Birmingham', 'B1 1BB', 'GB', 52.4796, -1.9026], ['Leeds', 'LS1 4DY', 'GB', 53.7965, -1.5478],
    ['Glasgow', 'G1 1XQ', 'GB', 55.8609, -4.2514], ['Bristol', 'BS1 4DJ', 'GB', 51.4545, -2.5879], ['Edinburgh', 'EH1 1YZ', 'GB', 55.9521, -3.189],
    ['Liverpool', 'L1 8JQ', 'GB', 53.4084, -2.9916], ['Cardiff', 'CF10 1EP', 'GB', 51.4816, -3.1791],
  ],
  na: [
    ['New York', '10007', 'US', 40.7135, -74.0078], ['Boston', '02108', 'US', 42.3576, -71.0637], ['Philadelphia', '19107', 'US', 39.9526, -75.1652],
    ['Chicago', '60601', 'US', 41.8858, -87.6181], ['Detroit', '48226', 'US', 42.3314, -83.0458], ['Houston', '77002', 'US', 29.7604, -95.3698],
    ['Denver', '80202', 'US', 39.7392, -104.9903], ['Seattle', '98101', 'US', 47.6062, -122.3321], ['San Francisco', '94103', 'US', 37.7725, -122.4147],
    ['Miami', '33131', 'US', 25.7617, -80.1918], ['Toronto', 'M5H 2N2', 'CA', 43.6532, -79.3832], ['Vancouver', 'V6B 1A1', 'CA', 49.2827, -123.1207],
  ],
};
